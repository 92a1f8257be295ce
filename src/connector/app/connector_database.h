#pragma once
// Where a connector's data lives, shared by `connector start` (connector_app.h) and the maintenance
// commands (connector_commands.h): the database of the configuration and the master key settings.
//
//   sqlite:   <database.folder>/<database.dbName>.db, key file <folder>/<dbName>.masterkey
//   postgres: database.connectionString, schema = database.dbName (one connector = one identity =
//             one database), key file ./data/<dbName>.masterkey unless keyMaterial says otherwise
#include <cstdint>
#include <filesystem>
#include <memory>

#include "config/connector_config.h"
#include "storage/document_store.h"
#include "storage/open_database.h"
#include "transport/account/master_key.h"

namespace nmshd::connector {

// The newest schema version this program writes (transport/modules/schema); a backup with a higher
// one is refused by restore and verify.
std::int64_t ConnectorSchemaVersion();

// Throws CodedError error.connector.database.unsupportedDriver (e.g. "mongodb").
storage::DatabaseConfig ConnectorDatabaseConfig(const config::ConnectorConfig& config);
// Opens (and for SQLite creates the folder and the file of) the configured database.
std::unique_ptr<storage::Database> OpenConnectorDatabase(const config::ConnectorConfig& config);
// Whether the configured SQLite file exists; always true for PostgreSQL (the server decides).
bool ConnectorDatabaseExists(const config::ConnectorConfig& config);
transport::MasterKeySettings ConnectorKeySettings(const config::ConnectorConfig& config);
// The local folder of the connector's files, absolute: the SQLite folder, else ./data (the default
// key file's folder). `connector check` measures its free space.
std::filesystem::path ConnectorDataFolder(const config::ConnectorConfig& config);

}  // namespace nmshd::connector
