// AttributesController: deletion infos (what a peer did or will do with its copy) and deleting what
// was exchanged with a peer whose relationship ended.
#include <algorithm>
#include <set>

#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attributes_controller.h"
#include "consumption/attributes/peer_relationships.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

js::value StringValue(std::string_view s) { return js::string(s); }

std::vector<js::value> ForwardableTypes() {
  return {StringValue("OwnIdentityAttribute"), StringValue("OwnRelationshipAttribute"),
          StringValue("PeerRelationshipAttribute")};
}

}  // namespace

void AttributesController::SetForwardedDeletionInfo(storage::Transaction& tx, const LocalAttribute& attribute,
                                                    const AttributeDeletionInfo& info, std::string_view peer,
                                                    bool override_deleted) const {
  // isAttributeDeletedOrToBeDeletedByForwardingPeer: every record for the peer is (to be) deleted.
  const auto records = ForwardingDetailsOf(tx, attribute, storage::Filter{}.Where(Condition::Equals("peer", StringValue(peer))));
  auto deleted_or_to_be = [](const AttributeForwardingDetails& d) {
    return d.HasDeletionStatus(deletion_status::kDeletedByRecipient) ||
           d.HasDeletionStatus(deletion_status::kToBeDeletedByRecipient);
  };
  const bool all_deleted = std::any_of(records.begin(), records.end(), deleted_or_to_be) &&
                           std::all_of(records.begin(), records.end(), deleted_or_to_be);
  if (all_deleted && !override_deleted) return;
  SetDeletionInfoForForwardingPeer(tx, attribute, info, peer, override_deleted);
}

void AttributesController::SetForwardedDeletionInfoWithPredecessors(storage::Transaction& tx,
                                                                    const LocalAttribute& attribute,
                                                                    const AttributeDeletionInfo& info,
                                                                    std::string_view peer,
                                                                    bool override_deleted) const {
  SetForwardedDeletionInfo(tx, attribute, info, peer, override_deleted);
  for (const auto& predecessor : Predecessors(tx, attribute)) {
    SetForwardedDeletionInfo(tx, predecessor, info, peer, override_deleted);
  }
}

void AttributesController::SetPeerDeletionInfo(storage::Transaction& tx, LocalAttribute attribute,
                                               const AttributeDeletionInfo& info, bool override_deleted) const {
  if (attribute.type == LocalAttributeType::kOwnIdentity) {
    throw attribute_errors::WrongTypeOfAttribute("The Attribute " + attribute.id +
                                                 " is an OwnIdentityAttribute, which has no deletionInfo of its own.");
  }
  const bool emitted = attribute.type == LocalAttributeType::kOwnRelationship;
  // isDeletedOrToBeDeletedByRecipient / isDeletedByEmitterOrToBeDeleted
  const bool done = emitted ? attribute.HasDeletionStatus(deletion_status::kDeletedByRecipient) ||
                                  attribute.HasDeletionStatus(deletion_status::kToBeDeletedByRecipient)
                            : attribute.HasDeletionStatus(deletion_status::kDeletedByEmitter) ||
                                  attribute.HasDeletionStatus(deletion_status::kToBeDeleted);
  if (done && !override_deleted) return;
  // setPeerDeletionInfo
  const auto deleted = emitted ? deletion_status::kDeletedByRecipient : deletion_status::kDeletedByEmitter;
  if (!override_deleted && attribute.HasDeletionStatus(deleted)) {
    throw attribute_errors::CannotSetAttributeDeletionInfo(attribute.id);
  }
  attribute.deletion_info = info;
  tx.Replace(kCollection, attribute.id, attribute.ToDocument());
}

void AttributesController::SetPeerDeletionInfoWithPredecessors(storage::Transaction& tx,
                                                               const LocalAttribute& attribute,
                                                               const AttributeDeletionInfo& info,
                                                               bool override_deleted) const {
  const auto predecessors = Predecessors(tx, attribute);
  SetPeerDeletionInfo(tx, attribute, info, override_deleted);
  for (const auto& predecessor : predecessors) SetPeerDeletionInfo(tx, predecessor, info, override_deleted);
}

void AttributesController::SetDeletionInfoOfAttributesExchangedWithPeer(storage::Transaction& tx,
                                                                        std::string_view peer,
                                                                        std::string_view date) const {
  const AttributeDeletionInfo by_recipient{std::string(deletion_status::kDeletedByRecipient), std::string(date)};
  const AttributeDeletionInfo by_emitter{std::string(deletion_status::kDeletedByEmitter), std::string(date)};

  // setForwardedDeletionInfoOfAttributes
  storage::Query details_query;
  details_query.Where(Condition::Equals("peer", StringValue(peer)));
  details_query.Where(
      Condition::NotEquals("deletionInfo.deletionStatus", StringValue(deletion_status::kDeletedByRecipient)));
  std::set<std::string> forwarded_ids;
  for (const auto& d : tx.Find(kForwardingDetailsCollection, details_query)) {
    forwarded_ids.insert(AttributeForwardingDetails::FromDocument(d.body).attribute_id);
  }
  if (!forwarded_ids.empty()) {
    std::vector<js::value> ids(forwarded_ids.begin(), forwarded_ids.end());
    storage::Filter filter;
    filter.Where(Condition::In("@type", ForwardableTypes()));
    filter.Where(Condition::In("id", std::move(ids)));
    for (const auto& attribute : Find(tx, filter)) SetForwardedDeletionInfo(tx, attribute, by_recipient, peer);
  }

  // setPeerDeletionInfoOfOwnRelationshipAttributes
  storage::Filter own;
  own.Where(Condition::Equals("@type", StringValue("OwnRelationshipAttribute")));
  own.Where(Condition::Equals("peer", StringValue(peer)));
  own.Where(Condition::NotEquals("deletionInfo.deletionStatus", StringValue(deletion_status::kDeletedByRecipient)));
  for (auto& attribute : Find(tx, own)) SetPeerDeletionInfo(tx, std::move(attribute), by_recipient);

  // setPeerDeletionInfoOfReceivedAttributes
  storage::Filter received;
  received.Where(Condition::In("@type", {StringValue("PeerIdentityAttribute"), StringValue("PeerRelationshipAttribute"),
                                         StringValue("ThirdPartyRelationshipAttribute")}));
  received.Where(Condition::Equals("peer", StringValue(peer)));
  received.Where(Condition::NotEquals("deletionInfo.deletionStatus", StringValue(deletion_status::kDeletedByEmitter)));
  for (auto& attribute : Find(tx, received)) SetPeerDeletionInfo(tx, std::move(attribute), by_emitter);
}

void AttributesController::SetAttributeDeletionInfoOfDeletionProposedRelationship(
    storage::Transaction& tx, std::string_view relationship_id) const {
  const auto relationship = peer_relationships::ById(tx, relationship_id);
  if (!relationship) throw attribute_errors::RecordNotFoundOf("Relationship");
  if (peer_relationships::StatusOf(*relationship) != "DeletionProposed") {
    throw attribute_errors::WrongRelationshipStatusToSetDeletionInfo();
  }
  SetDeletionInfoOfAttributesExchangedWithPeer(tx, peer_relationships::PeerOf(*relationship),
                                               peer_relationships::LastAuditLogDate(*relationship));
}

void AttributesController::DeleteAttributesExchangedWithPeer(storage::Transaction& tx, std::string_view peer,
                                                             transport::PendingEvents& events) const {
  for (const auto& attribute : Find(tx, storage::Filter{}.Where(Condition::Equals("peer", StringValue(peer))))) {
    tx.Delete(kCollection, attribute.id);
  }
  const auto forwarded = AttributesForwardedToPeer(
      tx, peer, storage::Filter{}.Where(Condition::In("@type", ForwardableTypes())), false, true);
  for (const auto& attribute : forwarded) RemoveForwardingDetails(tx, attribute, peer, events);
}

void AttributesController::DeleteSharedAttributesForRejectedOrRevokedRelationship(
    storage::Transaction& tx, std::string_view relationship_id, transport::PendingEvents& events) const {
  const auto relationship = peer_relationships::ById(tx, relationship_id);
  if (!relationship) throw attribute_errors::RecordNotFoundOf("Relationship");
  const auto status = peer_relationships::StatusOf(*relationship);
  if (status != "Rejected" && status != "Revoked") throw attribute_errors::IsNeitherRejectedNorRevoked();
  const auto peer = peer_relationships::PeerOf(*relationship);
  for (const auto& listed : Find(tx, storage::Filter{}.Where(Condition::Equals("peer", StringValue(peer))))) {
    // An earlier full deletion may have removed it already as a predecessor.
    auto attribute = Get(tx, listed.id);
    if (!attribute) continue;
    ExecuteFullDeletion(tx, *attribute, events);
  }
  const auto forwarded = AttributesForwardedToPeer(
      tx, peer, storage::Filter{}.Where(Condition::In("@type", ForwardableTypes())), false, false);
  for (const auto& attribute : forwarded) RemoveForwardingDetails(tx, attribute, peer, events);
}

}  // namespace nmshd::consumption
