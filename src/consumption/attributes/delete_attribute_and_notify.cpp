// AttributeUseCases::DeleteAttributeAndNotify (DeleteAttributeAndNotifyUseCase of runtime 7.0.0):
// who must hear about the deletion, the local deletion of the attribute and its predecessors, then
// one notification per peer concerned.
#include <algorithm>

#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attribute_use_cases.h"
#include "consumption/attributes/peer_relationships.h"
#include "logging/log_system.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

// getPeerOfAttribute: the attribute's own peer if it can still be notified.
std::vector<std::string> PeerOfAttribute(storage::Transaction& tx, const LocalAttribute& attribute) {
  const auto relationship = peer_relationships::ToPeer(tx, attribute.peer.value_or(""));
  if (!relationship || !peer_relationships::CanNotifyOver(*relationship)) return {};
  if (peer_relationships::StatusOf(*relationship) == "Pending") {
    throw attribute_errors::CannotDeleteSharedAttributeWhileRelationshipIsPending(attribute.id);
  }
  return {*attribute.peer};
}

// getForwardingPeersOfAttribute: the forwarding peers with a relationship that can be notified.
std::vector<std::string> ForwardingPeersToNotify(storage::Transaction& tx, const AttributesController& controller,
                                                 const LocalAttribute& attribute) {
  const auto forwarding = controller.ForwardingPeers(tx, attribute, true);
  if (forwarding.empty()) return {};
  storage::Query query;
  query.Where(Condition::In("peer", std::vector<js::value>(forwarding.begin(), forwarding.end())));
  query.Where(Condition::In("status", {js::string("Pending"), js::string("Active"), js::string("Terminated")}));
  query.Where(Condition::NotEquals("peerDeletionInfo.deletionStatus", js::string("Deleted")));
  std::vector<std::string> peers;
  bool pending = false;
  for (const auto& doc : tx.Find("relationships", query)) {
    pending = pending || peer_relationships::StatusOf(doc.body) == "Pending";
    peers.push_back(peer_relationships::PeerOf(doc.body));
  }
  if (pending) throw attribute_errors::CannotDeleteSharedAttributeWhileRelationshipIsPending(attribute.id);
  return peers;
}

std::vector<std::string> PeersOfAttributeToNotify(storage::Transaction& tx, const AttributesController& controller,
                                                  const LocalAttribute& attribute) {
  switch (attribute.type) {
    case LocalAttributeType::kOwnIdentity:
      return ForwardingPeersToNotify(tx, controller, attribute);
    case LocalAttributeType::kOwnRelationship:
    case LocalAttributeType::kPeerRelationship: {
      auto peers = PeerOfAttribute(tx, attribute);
      for (auto& p : ForwardingPeersToNotify(tx, controller, attribute)) peers.push_back(std::move(p));
      return peers;
    }
    case LocalAttributeType::kPeerIdentity:
    case LocalAttributeType::kThirdPartyRelationship:
      return PeerOfAttribute(tx, attribute);
  }
  return {};
}

// getPeersOfPredecessorsToNotify: [peer, predecessor id] for peers holding only a predecessor.
std::vector<std::pair<std::string, std::string>> PeersOfPredecessorsToNotify(storage::Transaction& tx,
                                                                              const AttributesController& controller,
                                                                              const LocalAttribute& attribute) {
  if (!attribute.CountsForwards()) return {};
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [peer, predecessor_id] : controller.PeersWithExclusivelyForwardedPredecessors(tx, attribute)) {
    const auto relationship = peer_relationships::ToPeer(tx, peer);
    if (!relationship || !peer_relationships::CanNotifyOver(*relationship)) continue;
    if (peer_relationships::StatusOf(*relationship) == "Pending") {
      throw attribute_errors::CannotDeleteSharedAttributeWhileRelationshipIsPending(predecessor_id);
    }
    out.emplace_back(std::move(peer), std::move(predecessor_id));
  }
  return out;
}

// createAttributeDeletedNotificationItem
js::object DeletionNotificationItem(const LocalAttribute& attribute, const std::string& attribute_id) {
  std::string_view type;
  switch (attribute.type) {
    case LocalAttributeType::kOwnIdentity:
    case LocalAttributeType::kOwnRelationship:
      type = "OwnAttributeDeletedByOwnerNotificationItem";
      break;
    case LocalAttributeType::kPeerRelationship:
      type = "PeerRelationshipAttributeDeletedByPeerNotificationItem";
      break;
    case LocalAttributeType::kPeerIdentity:
    case LocalAttributeType::kThirdPartyRelationship:
      type = "ForwardedAttributeDeletedByPeerNotificationItem";
      break;
  }
  return js::object{{"@type", type}, {"attributeId", attribute_id}};
}

}  // namespace

js::object AttributeUseCases::DeleteAttributeAndNotify(const std::string& attribute_id) {
  CheckAttributeIdRequest("attributeId", attribute_id);
  transport::PendingEvents events;
  std::vector<std::pair<std::string, js::object>> to_send;  // peer, notification item
  controller_.context().db.WithTransaction([&](storage::Transaction& tx) {
    auto attribute = controller_.Get(tx, attribute_id);
    if (!attribute) throw attribute_errors::RecordNotFound();
    controller_.ValidateFullDeletion(tx, *attribute);
    const auto peers = PeersOfAttributeToNotify(tx, controller_, *attribute);
    const auto predecessor_peers = PeersOfPredecessorsToNotify(tx, controller_, *attribute);
    controller_.ExecuteFullDeletion(tx, *attribute, events);
    for (const auto& peer : peers) to_send.emplace_back(peer, DeletionNotificationItem(*attribute, attribute->id));
    for (const auto& [peer, predecessor_id] : predecessor_peers) {
      to_send.emplace_back(peer, DeletionNotificationItem(*attribute, predecessor_id));
    }
  });
  events.PublishTo(controller_.context().events);

  js::array notification_ids;
  if (!to_send.empty() && !notification_sender_) {
    auto log = logging::GetLogger("consumption.attributes");
    for (const auto& [peer, item] : to_send) {
      log.Warn("attribute {} deleted locally; {} for peer {} NOT sent (notifications are not supported yet)",
               attribute_id, item.at("@type").as_string().c_str(), peer);
    }
  } else {
    for (const auto& [peer, item] : to_send) notification_ids.emplace_back(js::string(notification_sender_(peer, item)));
  }
  return js::object{{"notificationIds", std::move(notification_ids)}};
}

}  // namespace nmshd::consumption
