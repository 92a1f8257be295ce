#include "consumption/requests/items/share_attribute_request_item_processor.h"

#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/attributes/json_deep_equal.h"
#include "consumption/requests/items/attribute_item_support.h"
#include "content/identity_attribute.h"
#include "content/relationship_attribute.h"
#include "content/requests/request_content.h"

namespace nmshd::consumption {

namespace js = boost::json;
using namespace attribute_items;

namespace {

ValidationResult Invalid(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidRequestItem(message));
}

bool IsForwardable(LocalAttributeType type) {
  return type == LocalAttributeType::kOwnIdentity || type == LocalAttributeType::kOwnRelationship ||
         type == LocalAttributeType::kPeerRelationship;
}

}  // namespace

ValidationResult ShareAttributeRequestItemProcessor::CanCreateOutgoingRequestItem(
    storage::Transaction& tx, const js::object& item, const js::object&, const std::optional<std::string>& recipient) {
  const auto attribute_id = StringAt(item, "attributeId");
  const auto& attribute = item.at("attribute").as_object();
  const auto found = attributes_.Get(tx, attribute_id);
  if (!found) return Invalid("The Attribute with the given attributeId '" + attribute_id + "' could not be found.");
  if (!IsForwardable(found->type)) {
    return Invalid("The Attribute with the given attributeId '" + attribute_id +
                   "' is not an OwnIdentityAttribute, an OwnRelationshipAttribute or a PeerRelationshipAttribute.");
  }
  if (!JsonDeepEqual(found->content, attribute)) {
    return Invalid("The Attribute with the given attributeId '" + attribute_id + "' does not match the given Attribute.");
  }
  if (recipient) {
    if (attributes_.IsForwardedToPeer(tx, *found, *recipient, true)) {
      return Invalid("The Attribute with the given attributeId '" + attribute_id + "' is already shared with the peer.");
    }
    const auto successors = attributes_.SuccessorsSharedWithPeer(tx, *found, *recipient, false);
    if (!successors.empty()) {
      return Invalid("The provided Attribute is outdated. Its successor '" + successors.front().id +
                     "' is already shared with the peer.");
    }
    const auto predecessors = attributes_.PredecessorsSharedWithPeer(tx, *found, *recipient, false);
    if (!predecessors.empty()) {
      return Invalid("The predecessor '" + predecessors.front().id +
                     "' of the Attribute is already shared with the peer. Instead of sharing it, you should notify "
                     "the peer about the Attribute succession.");
    }
  }
  const auto* third_party = item.if_contains("thirdPartyAddress");
  if (IsIdentityAttribute(attribute)) {
    if (found->type != LocalAttributeType::kOwnIdentity) {
      return Invalid("The provided IdentityAttribute belongs to someone else. You can only share OwnIdentityAttributes.");
    }
    if (third_party != nullptr) {
      return Invalid("When sharing an OwnIdentityAttribute, no thirdPartyAddress may be specified.");
    }
    if (auto tag_error = TagError(attributes_.context(), attribute)) return Invalid(*tag_error);
    return ValidationResult::Success();
  }
  if (!(found->type == LocalAttributeType::kOwnRelationship || found->type == LocalAttributeType::kPeerRelationship)) {
    return Invalid("You cannot share ThirdPartyRelationshipAttributes.");
  }
  const auto initial_peer = found->peer.value_or("");
  if (recipient && initial_peer == *recipient) {
    return Invalid("The provided RelationshipAttribute already exists in the context of the Relationship with the peer.");
  }
  if (!HasNonPendingRelationshipTo(tx, initial_peer)) {
    return ValidationResult::Error(CannotShareRelationshipAttributeOfPendingRelationship());
  }
  if (third_party == nullptr || !third_party->is_string() || third_party->get_string() != initial_peer) {
    return Invalid("When sharing a RelationshipAttribute with another Identity, the address of the peer of the "
                   "Relationship in which the RelationshipAttribute exists must be specified as thirdPartyAddress.");
  }
  if (recipient && StringAt(attribute, "owner") == *recipient) {
    return Invalid("It doesn't make sense to share a RelationshipAttribute with its owner.");
  }
  if (StringAt(attribute, "confidentiality") == "private") {
    return Invalid("The confidentiality of the given `attribute` is private. Therefore you are not allowed to share it.");
  }
  return ValidationResult::Success();
}

ValidationResult ShareAttributeRequestItemProcessor::CanAccept(storage::Transaction&, const js::object& item,
                                                               const js::object&, const LocalRequest&) {
  const auto& attribute = item.at("attribute").as_object();
  if (auto tag_error = TagError(attributes_.context(), attribute)) return Invalid(*tag_error);
  const bool has_third_party = item.contains("thirdPartyAddress");
  if (has_third_party && IsIdentityAttribute(attribute)) {
    return Invalid("The RequestItem is invalid, since it must contain a RelationshipAttribute if thirdPartyAddress is "
                   "defined.");
  }
  if (!has_third_party && IsRelationshipAttribute(attribute)) {
    return Invalid("The RequestItem is invalid, since it must contain an IdentityAttribute if thirdPartyAddress is "
                   "undefined.");
  }
  return ValidationResult::Success();
}

js::object ShareAttributeRequestItemProcessor::Accept(storage::Transaction& tx, const js::object& item,
                                                      const js::object&, const LocalRequest& request,
                                                      transport::PendingEvents& events) {
  const auto& attribute = item.at("attribute").as_object();
  const auto attribute_id = StringAt(item, "attributeId");
  const AttributesController::PeerRecordOrigin origin{attribute_id, request.peer, request.id};
  auto already_shared = [&](const LocalAttribute& existing) {
    // The sender shares a value I hold (perhaps one I was to delete): keep mine, tell it which.
    if (existing.HasDeletionStatus(deletion_status::kToBeDeleted)) ClearReceivedDeletionInfo(tx, existing);
    return content::NormalizeResponseItem(js::object{
        {"@type", "AttributeAlreadySharedAcceptResponseItem"}, {"result", "Accepted"}, {"attributeId", existing.id}});
  };
  if (const auto* third_party = item.if_contains("thirdPartyAddress")) {
    const auto existing = attributes_.ThirdPartyRelationshipAttributeWithSameValue(
        tx, attribute.at("value"), request.peer, StringAt(attribute, "owner"), StringAt(attribute, "key"));
    if (existing) return already_shared(*existing);
    attributes_.CreateThirdPartyRelationshipAttribute(tx, content::RelationshipAttribute::FromJson(attribute), origin,
                                                      third_party->as_string(), events);
  } else {
    const auto existing = attributes_.PeerIdentityAttributeWithSameValue(tx, attribute.at("value"), request.peer);
    if (existing) return already_shared(*existing);
    const auto prepared =
        attributes_.PreparePeerIdentityAttribute(content::IdentityAttribute::FromJson(attribute), request.peer);
    attributes_.InsertPeerIdentityAttribute(tx, prepared, origin, events);
  }
  return js::object{{"@type", "AcceptResponseItem"}, {"result", "Accepted"}};
}

void ShareAttributeRequestItemProcessor::ApplyIncomingResponseItem(storage::Transaction& tx,
                                                                   const js::object& response_item,
                                                                   const js::object& item, const LocalRequest& request,
                                                                   transport::PendingEvents& events) {
  if (StringAt(response_item, "@type") == "RejectResponseItem") return;
  const auto shared = attributes_.Get(tx, StringAt(item, "attributeId"));
  if (!shared || !IsForwardable(shared->type)) return;
  if (StringAt(response_item, "@type") == "AttributeAlreadySharedAcceptResponseItem" &&
      attributes_.ForwardingDetailsForPeer(tx, *shared, request.peer, true)) {
    // The peer still holds it: forget that it was to delete it.
    ClearForwardedDeletionInfo(tx, attributes_, *shared, request.peer);
    return;
  }
  attributes_.AddForwardingDetails(tx, *shared, request.peer, request.id, events);
}

}  // namespace nmshd::consumption
