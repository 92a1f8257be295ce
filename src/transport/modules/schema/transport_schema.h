#pragma once
// The versions of the connector database's layout (the transport collections) and the forward
// migrations between them, run at start by storage::MigrateSchema before anything else reads the
// database. A database written by a newer version is refused (error.storage.schemaTooNew): an
// older binary must not run on data it does not understand.
//
//   1  the layout of every connector before schema versions existed (stored version 0 then):
//      account, relationshipTemplates, tokens, relationships, messages, files,
//      processedExternalEvents, syncState
//   2  + stateWatermark/current (modules/state/state_watermark.h), starting at 0
//
// Adding a version: append a migration, describe it here, and check in a database written by the
// previous version under tests/data/ for the migration test (tests/unit/transport/schema).
#include <cstdint>
#include <vector>

#include "storage/schema_migrator.h"

namespace nmshd::transport {

const std::vector<storage::Migration>& TransportMigrations();
// The version this binary writes (the last migration's).
std::int64_t TransportSchemaVersion();

}  // namespace nmshd::transport
