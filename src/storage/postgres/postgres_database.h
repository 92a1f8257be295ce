#pragma once
// The PostgreSQL backend (libpqxx 6.4 on libpq).
//
// Layout (storage layout 1) inside one schema: documents(collection, id, body jsonb, raw text),
// sequences(key, value bigint), meta(key, value). `body` serves queries and indexes; `raw` keeps the
// exact JSON text written, because jsonb reorders object keys and the wire formats here depend on the
// official key order. Secondary indexes are partial expression indexes on (body #>> path) COLLATE "C".
//
// Each Database works in its own schema (default "public"), set as search_path on every pooled
// connection, so several services or tests can share one server database.
// Transactions run at READ COMMITTED; writes take row locks, sequences use an atomic upsert.
#include <chrono>
#include <memory>
#include <string>

#include "storage/document_store.h"

namespace nmshd::storage {

struct PostgresOptions {
  std::string connection_string;  // e.g. postgresql://user@127.0.0.1:5432/db (libpq URI or key=value)
  std::string schema = "public";  // [A-Za-z][A-Za-z0-9_]{0,39}; created if missing
  std::size_t pool_size = 8;
  std::chrono::milliseconds pool_timeout{10000};
};

// Connects, creates schema and tables if needed. Throws "error.storage.backend" when the server is
// unreachable, "error.storage.schemaTooNew" for a newer storage layout.
std::unique_ptr<Database> OpenPostgresDatabase(const PostgresOptions& options);

}  // namespace nmshd::storage
