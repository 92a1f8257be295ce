#include "consumption/notifications/attribute_rollback_writes.h"

#include "consumption/attributes/attribute_errors.h"

namespace nmshd::consumption::rollback_writes {
namespace {

// The stored document is edited in place so it keeps its creation position ("_order").
void ClearForwardedDeletionInfo(storage::Transaction& tx, const AttributesController& attributes,
                                const LocalAttribute& attribute, std::string_view peer) {
  const auto details = attributes.ForwardingDetailsForPeer(tx, attribute, peer, false);
  if (!details) throw attribute_errors::CannotSetAttributeDeletionInfo(attribute.id, peer);
  auto document = tx.Get(AttributesController::kForwardingDetailsCollection, details->id);
  if (!document) throw attribute_errors::CannotSetAttributeDeletionInfo(attribute.id, peer);
  document->erase("deletionInfo");
  tx.Replace(AttributesController::kForwardingDetailsCollection, details->id, *document);
}

}  // namespace

void UpdateAttribute(storage::Transaction& tx, const LocalAttribute& attribute) {
  tx.Replace(AttributesController::kCollection, attribute.id, attribute.ToDocument());
}

void DeleteAttribute(storage::Transaction& tx, std::string_view id) { tx.Delete(AttributesController::kCollection, id); }

void ClearForwardedDeletionInfoWithPredecessors(storage::Transaction& tx, const AttributesController& attributes,
                                                const LocalAttribute& attribute, std::string_view peer) {
  ClearForwardedDeletionInfo(tx, attributes, attribute, peer);
  for (const auto& predecessor : attributes.Predecessors(tx, attribute)) {
    ClearForwardedDeletionInfo(tx, attributes, predecessor, peer);
  }
}

}  // namespace nmshd::consumption::rollback_writes
