// AttributesController: the AttributeForwardingDetails records (who an attribute was forwarded to,
// and what that peer did with its copy).
#include <algorithm>

#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attributes_controller.h"
#include "core/core_date.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

constexpr std::string_view kForwardingDetailsChanged = "consumption.attributeForwardingDetailsChanged";

js::value StringValue(std::string_view s) { return js::string(s); }

storage::Filter OfAttributeAndPeer(const LocalAttribute& attribute, std::string_view peer) {
  storage::Filter filter;
  filter.Where(Condition::Equals("attributeId", StringValue(attribute.id)).ScalarOnly());
  filter.Where(Condition::Equals("peer", StringValue(peer)));
  return filter;
}

// In creation order (LokiJS returns documents in insertion order; "_order" keeps it here).
std::vector<AttributeForwardingDetails> FindDetails(storage::Transaction& tx, const storage::Filter& filter) {
  storage::Query query;
  query.filter = filter;
  query.OrderBy("_order");
  std::vector<AttributeForwardingDetails> out;
  for (const auto& d : tx.Find(AttributesController::kForwardingDetailsCollection, query)) {
    out.push_back(AttributeForwardingDetails::FromDocument(d.body));
  }
  return out;
}

void Store(storage::Transaction& tx, const AttributeForwardingDetails& details, bool is_new) {
  auto document = details.ToDocument();
  if (is_new) {
    document["_order"] = tx.NextSequenceValue("attributeForwardingDetails.order");
    tx.Insert(AttributesController::kForwardingDetailsCollection, details.id, document);
    return;
  }
  // Keep the stored position.
  if (auto stored = tx.Get(AttributesController::kForwardingDetailsCollection, details.id)) {
    if (const auto* order = stored->if_contains("_order")) document["_order"] = *order;
  }
  tx.Replace(AttributesController::kForwardingDetailsCollection, details.id, document);
}

}  // namespace

std::vector<AttributeForwardingDetails> AttributesController::ForwardingDetailsOf(storage::Transaction& tx,
                                                                                 const LocalAttribute& attribute,
                                                                                 const storage::Filter& filter) const {
  storage::Filter f = filter;
  f.Where(Condition::Equals("attributeId", StringValue(attribute.id)).ScalarOnly());
  return FindDetails(tx, f);
}

std::optional<AttributeForwardingDetails> AttributesController::ForwardingDetailsForPeer(
    storage::Transaction& tx, const LocalAttribute& attribute, std::string_view peer,
    bool exclude_deleted_by_recipient) const {
  auto filter = OfAttributeAndPeer(attribute, peer);
  if (exclude_deleted_by_recipient) {
    filter.Where(Condition::NotEquals("deletionInfo.deletionStatus", StringValue(deletion_status::kDeletedByRecipient)));
  }
  auto found = FindDetails(tx, filter);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

bool AttributesController::IsForwardedToPeer(storage::Transaction& tx, const LocalAttribute& attribute,
                                             std::string_view peer, bool exclude_to_be_deleted) const {
  auto filter = OfAttributeAndPeer(attribute, peer);
  filter.Where(Condition::NotEquals("deletionInfo.deletionStatus", StringValue(deletion_status::kDeletedByRecipient)));
  const auto found = FindDetails(tx, filter);
  if (found.empty()) return false;
  if (!exclude_to_be_deleted) return true;
  return std::any_of(found.begin(), found.end(), [](const AttributeForwardingDetails& d) {
    return !d.HasDeletionStatus(deletion_status::kToBeDeletedByRecipient);
  });
}

LocalAttribute AttributesController::AddForwardingDetails(storage::Transaction& tx, const LocalAttribute& attribute,
                                                          std::string_view peer, std::string_view source_reference,
                                                          transport::PendingEvents& events) const {
  if (IsForwardedToPeer(tx, attribute, peer, true)) throw attribute_errors::AlreadyForwarded(attribute.id, peer);
  if (auto existing = ForwardingDetailsForPeer(tx, attribute, peer, true)) {
    // The peer was about to delete its copy and now gets it again: the forwarding stands as before.
    existing->deletion_info.reset();
    Store(tx, *existing, false);
  } else {
    AttributeForwardingDetails details;
    details.id = AttributeForwardingDetails::GenerateId();
    details.attribute_id = attribute.id;
    details.peer = std::string(peer);
    details.source_reference = std::string(source_reference);
    details.shared_at = core::CoreDate::Now().ToString();
    Store(tx, details, true);
  }
  events.Add(std::string(kForwardingDetailsChanged), Dto(tx, attribute));
  return attribute;
}

void AttributesController::RemoveForwardingDetails(storage::Transaction& tx, const LocalAttribute& attribute,
                                                   std::string_view peer, transport::PendingEvents& events) const {
  for (const auto& details : FindDetails(tx, OfAttributeAndPeer(attribute, peer))) {
    tx.Delete(kForwardingDetailsCollection, details.id);
  }
  events.Add(std::string(kForwardingDetailsChanged), Dto(tx, attribute));
}

void AttributesController::SetDeletionInfoForForwardingPeer(storage::Transaction& tx, const LocalAttribute& attribute,
                                                            const AttributeDeletionInfo& info, std::string_view peer,
                                                            bool override_deleted) const {
  auto filter = OfAttributeAndPeer(attribute, peer);
  if (!override_deleted) {
    filter.Where(Condition::NotEquals("deletionInfo.deletionStatus", StringValue(deletion_status::kDeletedByRecipient)));
  }
  auto found = FindDetails(tx, filter);
  if (found.empty()) throw attribute_errors::CannotSetAttributeDeletionInfo(attribute.id, peer);
  auto& details = found.front();
  details.deletion_info = info;
  Store(tx, details, false);
}

std::vector<std::pair<std::string, std::string>> AttributesController::PeersWithExclusivelyForwardedPredecessors(
    storage::Transaction& tx, const LocalAttribute& attribute) const {
  if (!attribute.CountsForwards()) {
    throw attribute_errors::WrongTypeOfAttribute(
        "The Attribute " + attribute.id +
        " is not an OwnIdentityAttribute, an OwnRelationshipAttribute or a PeerRelationshipAttribute.");
  }
  auto peers_with_later_version = ForwardingPeers(tx, attribute, true);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& predecessor : Predecessors(tx, attribute)) {
    for (auto& peer : ForwardingPeers(tx, predecessor, true)) {
      if (std::find(peers_with_later_version.begin(), peers_with_later_version.end(), peer) !=
          peers_with_later_version.end()) {
        continue;
      }
      out.emplace_back(peer, predecessor.id);
      peers_with_later_version.push_back(std::move(peer));
    }
  }
  return out;
}

}  // namespace nmshd::consumption
