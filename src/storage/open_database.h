#pragma once
// Opens the configured backend. The JSON form (a "database" section of the service config):
//   {"driver": "sqlite",   "path": "/var/lib/nmshd/connector.db"}
//   {"driver": "postgres", "connectionString": "postgresql://user@127.0.0.1:5432/db", "schema": "connector"}
// optional for both: "poolSize" (1..64).
#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "storage/document_store.h"

namespace nmshd::storage {

struct DatabaseConfig {
  std::string driver;             // "sqlite" | "postgres"
  std::string path;               // sqlite
  std::string connection_string;  // postgres
  std::string schema = "public";  // postgres
  std::size_t pool_size = 8;
  std::uint64_t sqlite_mmap_bytes = 0;  // sqlite: SqliteOptions::mmap_bytes
};

// Throws CodedError "error.storage.config" naming the bad or missing field.
DatabaseConfig ParseDatabaseConfig(const boost::json::object& json);
std::unique_ptr<Database> OpenDatabase(const DatabaseConfig& config);

}  // namespace nmshd::storage
