#include "storage/open_database.h"

#include "base/coded_error.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace nmshd::storage {
namespace {

std::string RequireConfigString(const boost::json::object& json, std::string_view key) {
  const auto* v = json.if_contains(key);
  if (v == nullptr || !v->is_string() || v->get_string().empty()) {
    throw CodedError("error.storage.config", "database config needs a non-empty string '" + std::string(key) + "'");
  }
  return std::string(v->get_string());
}

}  // namespace

DatabaseConfig ParseDatabaseConfig(const boost::json::object& json) {
  DatabaseConfig config;
  config.driver = RequireConfigString(json, "driver");
  if (config.driver == "sqlite") {
    config.path = RequireConfigString(json, "path");
  } else if (config.driver == "postgres") {
    config.connection_string = RequireConfigString(json, "connectionString");
    if (json.contains("schema")) config.schema = RequireConfigString(json, "schema");
  } else {
    throw CodedError("error.storage.config",
                     "unknown database driver '" + config.driver + "' (expected \"sqlite\" or \"postgres\")");
  }
  if (const auto* pool = json.if_contains("poolSize")) {
    if (!pool->is_int64() || pool->get_int64() < 1 || pool->get_int64() > 64) {
      throw CodedError("error.storage.config", "database config 'poolSize' must be an integer from 1 to 64");
    }
    config.pool_size = static_cast<std::size_t>(pool->get_int64());
  }
  return config;
}

std::unique_ptr<Database> OpenDatabase(const DatabaseConfig& config) {
  if (config.driver == "sqlite") {
    SqliteOptions options;
    options.path = config.path;
    options.pool_size = config.pool_size;
    options.mmap_bytes = config.sqlite_mmap_bytes;
    return OpenSqliteDatabase(options);
  }
  if (config.driver == "postgres") {
    PostgresOptions options;
    options.connection_string = config.connection_string;
    options.schema = config.schema;
    options.pool_size = config.pool_size;
    return OpenPostgresDatabase(options);
  }
  throw CodedError("error.storage.config", "unknown database driver '" + config.driver + "'");
}

}  // namespace nmshd::storage
