#pragma once
// Forward-only schema migrations of the application data, tracked by the schema version stored in
// the database (meta "schemaVersion", 0 for a new database).
//
// Each migration runs in its own read-write transaction together with the version bump, so a
// migration that throws leaves the database at the previous version with nothing half-applied.
// A database newer than the newest migration is refused ("error.storage.schemaTooNew"): an older
// binary must not write data it does not understand (operators' "refuse to start" rule).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/document_store.h"

namespace nmshd::storage {

struct Migration {
  std::int64_t version;  // the version the database has after this migration; 1, 2, 3, ... in order
  std::string description;
  std::function<void(Transaction&)> apply;
};

// Applies the pending migrations in order; returns the resulting version. Throws
// "error.storage.invalidMigration" when the list is not 1..N, "error.storage.schemaTooNew" (see above),
// or whatever a migration throws.
std::int64_t MigrateSchema(Database& database, const std::vector<Migration>& migrations);

}  // namespace nmshd::storage
