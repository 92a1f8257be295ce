#pragma once
// The runtime's attribute use cases the Connector's AttributesController calls
// (useCases/consumption/attributes/*), with their request checks, order of checks, error codes and
// results (LocalAttributeDTOs). Requests are the JSON bodies the Connector builds; errors are
// CodedError (the REST layer maps recordNotFound to 404, everything else to 400).
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>

#include "consumption/attributes/attribute_requests.h"
#include "consumption/attributes/attributes_controller.h"

namespace nmshd::consumption {

class AttributeUseCases {
 public:
  explicit AttributeUseCases(AttributesController& controller) : controller_(controller) {
    AttributesController::EnsureIndexes(controller.context().db);
  }

  // canCreateOwnIdentityAttribute {content:{value, tags?}}: {isSuccess:true} or {isSuccess:false,
  // code, message} for an invalid value (schema: invalidPropertyValue; ts-serval:
  // invalidPropertyValue with serval's message), an existing equal value
  // (cannotCreateDuplicateOwnIdentityAttribute) or invalid tags (invalidTags). Like the official,
  // it does not check the character whitelist nor the trimmed value.
  boost::json::object CanCreateOwnIdentityAttribute(const boost::json::value& request);
  // createOwnIdentityAttribute: the new OwnIdentityAttribute's DTO (owner = self).
  boost::json::object CreateOwnIdentityAttribute(const boost::json::value& request);

  // getAttribute {id}: recordNotFound for an unknown id.
  boost::json::object GetAttribute(const std::string& id);
  // getAttributes {query}: every local attribute matching the REST filter, oldest first.
  boost::json::array GetAttributes(const QueryParameters& query);
  // getOwnIdentityAttributes {onlyLatestVersions (default true), query}.
  boost::json::array GetOwnIdentityAttributes(std::optional<bool> only_latest_versions, const QueryParameters& query);

  // succeedOwnIdentityAttribute {predecessorId, successorContent:{value, tags?}}:
  // {predecessor, successor} DTOs.
  boost::json::object SucceedOwnIdentityAttribute(const boost::json::value& request);
  // succeedRelationshipAttributeAndNotifyPeer {predecessorId, successorContent:{value}}
  // (succeed_relationship_attribute_and_notify_peer.cpp): a new version of an OwnRelationshipAttribute
  // (key, owner, confidentiality and isTechnical kept) and a PeerAttributeSucceededNotificationItem
  // to its peer -> {predecessor, successor, notificationId}. Errors in the official order:
  // invalidPropertyValue (schema), predecessorDoesNotExist, isNotOwnRelationshipAttribute, the
  // content's ServalError, the succession rules; then, unlike the official use case, which stores
  // first and lets sendMessage fail afterwards, the relationship check of sending
  // (hasNeitherActiveNorTerminatedRelationship, peerIsDeleted) before anything is written. The
  // succession is committed in one transaction, then sent; if sending throws, a second transaction
  // takes the succession back and the error is rethrown (no event is published then), so the call
  // can simply be repeated. Requires a NotificationSenderWithId (notifyingPeersNotSupported without).
  boost::json::object SucceedRelationshipAttributeAndNotifyPeer(const boost::json::value& request);
  // getVersionsOfAttribute {attributeId}: newest first.
  boost::json::array GetVersionsOfAttribute(const std::string& attribute_id);
  // deleteAttributeAndNotify {attributeId}: {notificationIds}. Deletes the attribute and its
  // predecessors locally, then sends each peer concerned (its peer, the peers it or only a
  // predecessor was forwarded to, over a Pending/Active/Terminated relationship whose peer is not
  // deleted) the deletion notification the official use case sends. Refused while such a
  // relationship is Pending (cannotDeleteSharedAttributeWhileRelationshipIsPending).
  // Without a NotificationSender (tools and tests; the connector always installs one) nothing is sent: the deletion
  // is local only, the peers concerned are logged, and notificationIds holds only ids of
  // notifications actually sent — never invented ones.
  boost::json::object DeleteAttributeAndNotify(const std::string& attribute_id);

  // Sends a Notification {id, items:[item]} to a peer as a message; returns its id (NOT…).
  using NotificationSender =
      std::function<std::string(const std::string& peer, const boost::json::object& notification_item)>;
  void SetNotificationSender(NotificationSender sender) { notification_sender_ = std::move(sender); }
  // The same with the notification's id chosen beforehand (NOT…): succession records it as the
  // successor's sourceReference before the notification is sent.
  using NotificationSenderWithId = std::function<void(const std::string& notification_id, const std::string& peer,
                                                      const boost::json::object& notification_item)>;
  void SetNotificationSenderWithId(NotificationSenderWithId sender) {
    notification_sender_with_id_ = std::move(sender);
  }

  // ---- attributes exchanged with peers (peer_attribute_use_cases.cpp) -------------------------
  // getOwnAttributesSharedWithPeer {peer, query?, hideTechnical?, onlyLatestVersions? (true)}:
  // own identity and own relationship attributes forwarded to or held with the peer.
  boost::json::array GetOwnAttributesSharedWithPeer(const std::string& peer, std::optional<bool> only_latest_versions,
                                                    std::optional<bool> hide_technical, const QueryParameters& query);
  // getPeerAttributes {peer, query?, hideTechnical?, onlyLatestVersions? (true)}: peer identity,
  // peer relationship and third-party relationship attributes received from the peer.
  boost::json::array GetPeerAttributes(const std::string& peer, std::optional<bool> only_latest_versions,
                                       std::optional<bool> hide_technical, const QueryParameters& query);
  // getForwardingDetailsForAttribute {attributeId, query?}: [{peer, sourceReference, sharedAt,
  // deletionInfo?}] filtered by peer, sourceReference, sharedAt, deletionInfo(.deletionStatus|Date).
  boost::json::array GetForwardingDetailsForAttribute(const std::string& attribute_id, const QueryParameters& query);
  // getVersionsOfAttributeSharedWithPeer {attributeId, peer, onlyLatestVersions? (true)}; only for
  // OwnIdentity, OwnRelationship and PeerRelationship attributes (invalidPropertyValue otherwise).
  boost::json::array GetVersionsOfAttributeSharedWithPeer(const std::string& attribute_id,
                                                          const std::optional<std::string>& peer,
                                                          std::optional<bool> only_latest_versions);
  // executeRelationshipAttributeQuery {query}: the first match, recordNotFound
  // ("RelationshipAttribute not found. …") when none.
  boost::json::object ExecuteRelationshipAttributeQuery(const boost::json::value& request);
  // executeThirdPartyRelationshipAttributeQuery {query}: every match.
  boost::json::array ExecuteThirdPartyRelationshipAttributeQuery(const boost::json::value& request);
  // getAttributesForRelationship {id, hideTechnical?, onlyLatestVersions? (true)}: what was
  // exchanged with the relationship's peer (GET /Relationships/{id}/Attributes).
  boost::json::array GetAttributesForRelationship(const std::string& relationship_id,
                                                  std::optional<bool> hide_technical,
                                                  std::optional<bool> only_latest_versions);
  // The RequestModule's reactions to relationship changes (internal use cases, one transaction
  // each): Rejected/Revoked -> delete what was shared; DeletionProposed -> mark as deleted.
  void DeleteSharedAttributesForRejectedOrRevokedRelationship(const std::string& relationship_id);
  void SetAttributeDeletionInfoOfDeletionProposedRelationship(const std::string& relationship_id);
  // executeIdentityAttributeQuery {query: IdentityAttributeQuery}.
  boost::json::array ExecuteIdentityAttributeQuery(const boost::json::value& request);
  // getAttributeTagCollection: the Backbone's tag collection as AttributeTagCollectionDTO
  // {supportedLanguages, tagsForAttributeValueTypes: {type: {tag: {displayNames, children?}}}}.
  boost::json::object GetAttributeTagCollection();

 private:
  AttributesController& controller_;
  NotificationSender notification_sender_;
  NotificationSenderWithId notification_sender_with_id_;
};

}  // namespace nmshd::consumption
