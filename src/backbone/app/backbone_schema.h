#pragma once
// The versions of the backbone database's layout and the forward migrations between them, run by
// BackboneApp before anything else reads the database (storage::MigrateSchema). A database written
// by a newer version is refused (error.storage.schemaTooNew), and so is a backup of one.
//
//   0  the layout before schema versions were counted: content/content_store.h with a
//      pendingReceipts document per message and recipient that had not fetched it
//   1  those documents replaced by one counter per sender and recipient
//      (content::CountPendingReceipts)
//
// Adding a version: append a migration, describe it here, and extend the migration test
// (PendingReceiptsTest.MigratingAVersion0DatabaseKeepsItsQuotas in
// tests/unit/backbone/content_pending_receipts_test.cpp).
#include <cstdint>
#include <vector>

#include "storage/schema_migrator.h"

namespace nmshd::backbone {

const std::vector<storage::Migration>& BackboneMigrations();
// The version this binary writes (the last migration's).
std::int64_t BackboneSchemaVersion();

}  // namespace nmshd::backbone
