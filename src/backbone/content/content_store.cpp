#include "content/content_store.h"

namespace nmshd::backbone::content {

void EnsureContentIndexes(storage::Database& db) {
  db.EnsureIndex(kTemplates, {"createdBy", {"createdBy"}, false});
  db.EnsureIndex(kTemplateAllocations, {"templateId", {"relationshipTemplateId"}, false});
  db.EnsureIndex(kTokens, {"createdBy", {"createdBy"}, false});
  db.EnsureIndex(kTokenAllocations, {"tokenId", {"tokenId"}, false});
  db.EnsureIndex(kRelationships, {"pairKey", {"pairKey"}, false});
  db.EnsureIndex(kRelationships, {"templateId", {"relationshipTemplateId"}, false});
  db.EnsureIndex(kMessages, {"createdBy", {"createdBy"}, false});
  db.EnsureIndex(kFiles, {"createdBy", {"createdBy"}, false});
}

std::string AllocationId(std::string_view entity_id, std::string_view address) {
  std::string id(entity_id);
  id += '|';
  id += address;
  return id;
}

std::string PairKey(std::string_view a, std::string_view b) {
  std::string out(a < b ? a : b);
  out += '|';
  out += a < b ? b : a;
  return out;
}

std::string UnreceivedMessagesCounter(std::string_view sender, std::string_view recipient) {
  std::string key = "unreceivedMessages:";
  key += sender;
  key += '|';
  key += recipient;
  return key;
}

void CountPendingReceipts(storage::Transaction& tx) {
  for (const auto& receipt : tx.Find(kPendingReceipts)) {
    const auto* pair = receipt.body.if_contains("pair");
    if (pair != nullptr && pair->is_string()) {
      const std::string_view text = pair->get_string();
      const auto bar = text.find('|');
      if (bar != std::string_view::npos) {
        tx.AddToCounter(UnreceivedMessagesCounter(text.substr(0, bar), text.substr(bar + 1)), 1);
      }
    }
    tx.Delete(kPendingReceipts, receipt.id);
  }
}

}  // namespace nmshd::backbone::content
