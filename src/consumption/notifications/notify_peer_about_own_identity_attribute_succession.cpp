#include "consumption/notifications/notify_peer_about_own_identity_attribute_succession.h"

#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attribute_requests.h"
#include "consumption/attributes/peer_attribute_requests.h"
#include "consumption/notifications/local_notification.h"
#include "consumption/notifications/notification_sender.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

// NotifyPeerAboutOwnIdentityAttributeSuccessionRequest {attributeId, peer}, nothing else.
std::pair<std::string, std::string> CheckRequest(const js::object& request) {
  for (const auto name : {"attributeId", "peer"}) {
    if (!request.contains(name)) throw InvalidPropertyValue(std::string("must have required property '") + name + "'");
  }
  for (const auto& [key, value] : request) {
    if (key != "attributeId" && key != "peer") throw InvalidPropertyValue("must NOT have additional properties");
  }
  const auto& id = request.at("attributeId");
  if (!id.is_string()) throw InvalidPropertyValue("attributeId must be string");
  const auto& peer = request.at("peer");
  if (!peer.is_string()) throw InvalidPropertyValue("peer must be string");
  CheckAttributeIdRequest("attributeId", std::string(id.get_string()));
  CheckAddressRequest("peer", std::string(peer.get_string()));
  return {std::string(id.get_string()), std::string(peer.get_string())};
}

CodedError PeerHasNoPreviousVersionOfAttribute(const std::string& id, const std::string& peer) {
  return CodedError("error.runtime.attributes.peerHasNoPreviousVersionOfAttribute",
                    "The peer '" + peer + "' doesn't have any previous version of the Attribute '" + id +
                        "'. Either you haven't shared it before or the peer has deleted it.");
}

CodedError OwnIdentityAttributeHasAlreadyBeenSharedWithPeer(const std::string& id, const std::string& peer) {
  return CodedError("error.runtime.attributes.ownIdentityAttributeHasAlreadyBeenSharedWithPeer",
                    "The OwnIdentityAttribute '" + id + "' has already been shared with peer '" + peer + "'.'.");
}

CodedError SuccessorOfOwnIdentityAttributeHasAlreadyBeenSharedWithPeer(const std::string& id,
                                                                       const std::string& successor_id,
                                                                       const std::string& peer) {
  return CodedError("error.runtime.attributes.successorOfOwnIdentityAttributeHasAlreadyBeenSharedWithPeer",
                    "A successor '" + successor_id + "' of the OwnIdentityAttribute '" + id +
                        "' has already been shared with peer '" + peer + "'.'.");
}

// isSubsequentInSuccession(predecessor, successor): `successor` is reached from `predecessor` by
// following succeededBy.
bool IsSubsequentInSuccession(storage::Transaction& tx, const AttributesController& attributes,
                              const LocalAttribute& predecessor, const std::string& successor_id) {
  auto current = predecessor;
  while (current.succeeded_by) {
    if (*current.succeeded_by == successor_id) return true;
    auto next = attributes.Get(tx, *current.succeeded_by);
    if (!next) throw attribute_errors::RecordNotFoundOf("LocalAttribute");
    current = std::move(*next);
  }
  return false;
}

}  // namespace

js::object NotifyPeerAboutOwnIdentityAttributeSuccession::Execute(const js::object& request) {
  const auto [attribute_id, peer] = CheckRequest(request);
  const auto notification_id = LocalNotification::GenerateId();
  transport::PendingEvents events;
  js::object result;
  js::object successor_content;
  std::string predecessor_id;
  attributes_.context().db.WithTransaction([&](storage::Transaction& tx) {
    const auto attribute = attributes_.Get(tx, attribute_id);
    if (!attribute) throw attribute_errors::RecordNotFound();
    if (attribute->type != LocalAttributeType::kOwnIdentity) {
      throw attribute_errors::IsNotOwnIdentityAttribute(attribute_id);
    }
    const auto candidates = attributes_.VersionsSharedWithPeer(tx, *attribute, peer, true);
    if (candidates.empty()) throw PeerHasNoPreviousVersionOfAttribute(attribute_id, peer);
    const auto& latest_shared = candidates.front();
    if (latest_shared.id == attribute_id) throw OwnIdentityAttributeHasAlreadyBeenSharedWithPeer(attribute_id, peer);
    if (IsSubsequentInSuccession(tx, attributes_, *attribute, latest_shared.id)) {
      throw SuccessorOfOwnIdentityAttributeHasAlreadyBeenSharedWithPeer(attribute_id, latest_shared.id, peer);
    }
    result["predecessor"] = attributes_.Dto(tx, latest_shared);
    const auto updated = attributes_.AddForwardingDetails(tx, *attribute, peer, notification_id, events);
    result["successor"] = attributes_.Dto(tx, updated);
    result["notificationId"] = notification_id;
    predecessor_id = latest_shared.id;
    successor_content = updated.content;
  });
  events.PublishTo(attributes_.context().events);

  SendNotificationWithId(messages_, notification_id, peer,
                         js::object{{"@type", "PeerAttributeSucceededNotificationItem"},
                                    {"predecessorId", predecessor_id},
                                    {"successorId", attribute_id},
                                    {"successorContent", successor_content}});
  return result;
}

}  // namespace nmshd::consumption
