#include "storage/schema_migrator.h"

#include "base/coded_error.h"

namespace nmshd::storage {

std::int64_t MigrateSchema(Database& database, const std::vector<Migration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<std::int64_t>(i + 1) || !migrations[i].apply) {
      throw CodedError("error.storage.invalidMigration",
                       "migration #" + std::to_string(i) + " must have version " + std::to_string(i + 1) +
                           " and an apply function");
    }
  }
  const auto newest = static_cast<std::int64_t>(migrations.size());
  while (true) {
    auto tx = database.Begin(TransactionMode::kReadWrite);
    // Read inside the transaction: a concurrent migrator holding the lock may have moved it on.
    const std::int64_t current = tx->ReadSchemaVersion();
    if (current > newest) {
      throw CodedError("error.storage.schemaTooNew", "the database has schema version " + std::to_string(current) +
                                                         " but this program knows only up to " +
                                                         std::to_string(newest) + "; use a newer version");
    }
    if (current == newest) {
      tx->Commit();
      return current;
    }
    const auto& migration = migrations[static_cast<std::size_t>(current)];
    migration.apply(*tx);
    tx->WriteSchemaVersion(migration.version);
    tx->Commit();
  }
}

}  // namespace nmshd::storage
