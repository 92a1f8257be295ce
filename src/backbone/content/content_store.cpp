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
  db.EnsureIndex(kPendingReceipts, {"pair", {"pair"}, false});
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

}  // namespace nmshd::backbone::content
