#include "app/backbone_schema.h"

#include "content/content_store.h"

namespace nmshd::backbone {

const std::vector<storage::Migration>& BackboneMigrations() {
  static const std::vector<storage::Migration> migrations = {
      {1, "count the unreceived messages per sender and recipient instead of a document per message",
       [](storage::Transaction& tx) { content::CountPendingReceipts(tx); }},
  };
  return migrations;
}

std::int64_t BackboneSchemaVersion() { return BackboneMigrations().back().version; }

}  // namespace nmshd::backbone
