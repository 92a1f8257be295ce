#include "connector/app/connector_database.h"

#include "base/coded_error.h"
#include "transport/modules/schema/transport_schema.h"

namespace nmshd::connector {

namespace fs = std::filesystem;

std::int64_t ConnectorSchemaVersion() { return transport::TransportSchemaVersion(); }

storage::DatabaseConfig ConnectorDatabaseConfig(const config::ConnectorConfig& config) {
  storage::DatabaseConfig db;
  db.driver = config.database.driver;
  if (db.driver == "sqlite") {
    db.path = (fs::path(config.database.folder) / (config.database.dbName + ".db")).string();
    // A connector mostly reads (attribute queries over thousands of records); see SqliteOptions.
    db.sqlite_mmap_bytes = 256ull * 1024 * 1024;
  } else if (db.driver == "postgres") {
    db.connection_string = config.database.connectionString;
    db.schema = config.database.dbName;
  } else {
    throw CodedError("error.connector.database.unsupportedDriver",
                     "database.driver \"" + config.database.driver + "\" is not supported by this build");
  }
  return db;
}

std::unique_ptr<storage::Database> OpenConnectorDatabase(const config::ConnectorConfig& config) {
  const auto db = ConnectorDatabaseConfig(config);
  if (db.driver == "sqlite") fs::create_directories(config.database.folder);
  return storage::OpenDatabase(db);
}

bool ConnectorDatabaseExists(const config::ConnectorConfig& config) {
  const auto db = ConnectorDatabaseConfig(config);
  std::error_code ec;
  return db.driver != "sqlite" || fs::exists(db.path, ec);
}

transport::MasterKeySettings ConnectorKeySettings(const config::ConnectorConfig& config) {
  transport::MasterKeySettings settings;
  if (const auto* km = config.effective.if_contains("keyMaterial"); km != nullptr && km->is_object()) {
    const auto& o = km->get_object();
    if (const auto* k = o.if_contains("key"); k != nullptr && k->is_string()) settings.key = std::string(k->get_string());
    if (const auto* f = o.if_contains("keyFile"); f != nullptr && f->is_string()) {
      settings.key_file = fs::path(std::string(f->get_string()));
    }
  }
  settings.default_key_file = ConnectorDataFolder(config) / (config.database.dbName + ".masterkey");
  return settings;
}

fs::path ConnectorDataFolder(const config::ConnectorConfig& config) {
  const fs::path folder = config.database.driver == "sqlite" ? fs::path(config.database.folder) : fs::path("data");
  // Absolute, so messages name the real place whatever the working directory of the reader.
  std::error_code ec;
  auto absolute = fs::absolute(folder, ec);
  return ec ? folder : absolute.lexically_normal();
}

}  // namespace nmshd::connector
