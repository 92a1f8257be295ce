#include "consumption/requests/items/delete_attribute_request_item_processor.h"

#include <stdexcept>

#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/requests/items/attribute_item_support.h"
#include "content/requests/request_content.h"
#include "content/serval_error.h"
#include "core/core_date.h"

namespace nmshd::consumption {

namespace js = boost::json;
using namespace attribute_items;

namespace {

ValidationResult Invalid(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidRequestItem(message));
}
ValidationResult InvalidParams(const std::string& message) {
  return ValidationResult::Error(request_errors::InvalidAcceptParameters(message));
}

// What the sender may ask a peer to delete: what it emitted or forwarded.
bool IsDeletableByRequest(LocalAttributeType type) {
  return type == LocalAttributeType::kOwnIdentity || type == LocalAttributeType::kOwnRelationship ||
         type == LocalAttributeType::kPeerRelationship;
}

// What a recipient holds as the peer's copy.
bool IsReceivedCopy(LocalAttributeType type) {
  return type == LocalAttributeType::kPeerIdentity || type == LocalAttributeType::kPeerRelationship ||
         type == LocalAttributeType::kThirdPartyRelationship;
}

bool IsDeletedOrToBeDeletedByRecipient(const LocalAttribute& attribute) {
  return attribute.HasDeletionStatus(deletion_status::kDeletedByRecipient) ||
         attribute.HasDeletionStatus(deletion_status::kToBeDeletedByRecipient);
}

// AcceptDeleteAttributeRequestItemParameters.from(params).deletionDate: missing is the ts-serval
// ParsingError, an unparsable string CoreDate's plain "The date is invalid." error, a number
// milliseconds since the epoch.
core::CoreDate ParseDeletionDate(const js::object& params) {
  const auto* date = params.if_contains("deletionDate");
  if (date == nullptr || date->is_null()) {
    throw content::ParsingError("AcceptDeleteAttributeRequestItemParameters", "deletionDate", "Value is not defined");
  }
  if (date->is_number()) return core::CoreDate::FromMillis(date->to_number<std::int64_t>());
  if (!date->is_string()) throw std::runtime_error("The provided object is invalid and cannot be deserialized.");
  try {
    return core::CoreDate::Parse(date->get_string());
  } catch (const CodedError&) {
    throw std::runtime_error("The date is invalid.");
  }
}

// setDeletionInfoFor{Accepted,Rejected}RequestItem and _setDeletionRequestSent's choice: the
// OwnRelationshipAttribute itself when the peer is its relationship peer, the forwarding details
// for the peer otherwise; predecessors included.
void SetEmittedDeletionInfo(storage::Transaction& tx, const AttributesController& attributes,
                            const LocalAttribute& attribute, const AttributeDeletionInfo& info,
                            const std::string& peer) {
  const bool requested_from_initial_peer =
      attribute.type == LocalAttributeType::kOwnRelationship && attribute.peer.value_or("") == peer;
  if (requested_from_initial_peer) {
    attributes.SetPeerDeletionInfoWithPredecessors(tx, attribute, info);
  } else {
    attributes.SetForwardedDeletionInfoWithPredecessors(tx, attribute, info, peer);
  }
}

void CollectDeleteItems(const js::array& items, std::vector<std::string>& attribute_ids) {
  for (const auto& entry : items) {
    if (!entry.is_object()) continue;
    const auto& item = entry.get_object();
    const auto type = StringAt(item, "@type");
    if (type == "RequestItemGroup") {
      if (const auto* inner = item.if_contains("items"); inner != nullptr && inner->is_array()) {
        CollectDeleteItems(inner->get_array(), attribute_ids);
      }
    } else if (type == "DeleteAttributeRequestItem") {
      attribute_ids.push_back(StringAt(item, "attributeId"));
    }
  }
}

}  // namespace

ValidationResult DeleteAttributeRequestItemProcessor::CanCreateOutgoingRequestItem(
    storage::Transaction& tx, const js::object& item, const js::object&, const std::optional<std::string>& recipient) {
  const auto attribute_id = StringAt(item, "attributeId");
  const auto attribute = attributes_.Get(tx, attribute_id);
  if (!attribute) return Invalid("The Attribute '" + attribute_id + "' could not be found.");
  if (!recipient) return Invalid("The recipient must be specified when sending a DeleteAttributeRequestItem.");
  if (!IsDeletableByRequest(attribute->type)) {
    return Invalid("The Attribute '" + attribute_id +
                   "' is not an OwnIdentityAttribute, an OwnRelationshipAttribute or a PeerRelationshipAttribute. You "
                   "can only request the deletion of such Attributes.");
  }
  const bool peer_is_recipient = attribute->peer.value_or("") == *recipient;
  const bool own_not_held_by_recipient =
      (attribute->type == LocalAttributeType::kOwnIdentity &&
       !attributes_.IsForwardedToPeer(tx, *attribute, *recipient, true)) ||
      (attribute->type == LocalAttributeType::kOwnRelationship &&
       ((peer_is_recipient && IsDeletedOrToBeDeletedByRecipient(*attribute)) ||
        (!peer_is_recipient && !attributes_.IsForwardedToPeer(tx, *attribute, *recipient, true))));
  if (own_not_held_by_recipient) {
    return Invalid("The deletion of an own Attribute can only be requested from a peer it is shared with and who "
                   "hasn't deleted it or agreed to its deletion already.");
  }
  if (attribute->type == LocalAttributeType::kPeerRelationship) {
    if (peer_is_recipient) return Invalid("The deletion of a PeerRelationshipAttribute cannot be requested for the owner.");
    if (!attributes_.IsForwardedToPeer(tx, *attribute, *recipient, true)) {
      return Invalid("The deletion of a PeerRelationshipAttribute can only be requested from a third party it is shared "
                     "with and who hasn't deleted it or agreed to its deletion already.");
    }
  }
  return ValidationResult::Success();
}

ValidationResult DeleteAttributeRequestItemProcessor::CanAccept(storage::Transaction& tx, const js::object& item,
                                                                const js::object& params,
                                                                const LocalRequest& request) {
  const auto deletion_date = ParseDeletionDate(params);
  const auto attribute = attributes_.Get(tx, StringAt(item, "attributeId"));
  // Nothing to delete: the acceptance only confirms it.
  if (!attribute) return ValidationResult::Success();
  if (!IsReceivedCopy(attribute->type) || attribute->peer.value_or("") != request.peer) {
    return Invalid("The recipient isn't the peer of the Attribute and therefore isn't allowed to request the deletion "
                   "of the Attribute.");
  }
  if (deletion_date < core::CoreDate::Now()) return InvalidParams("The deletionDate must be in the future.");
  return ValidationResult::Success();
}

js::object DeleteAttributeRequestItemProcessor::Accept(storage::Transaction& tx, const js::object& item,
                                                       const js::object& params, const LocalRequest&,
                                                       transport::PendingEvents&) {
  const auto attribute = attributes_.Get(tx, StringAt(item, "attributeId"));
  if (!attribute) return js::object{{"@type", "AcceptResponseItem"}, {"result", "Accepted"}};
  const auto deletion_date = ParseDeletionDate(params).ToString();
  attributes_.SetPeerDeletionInfoWithPredecessors(
      tx, *attribute, AttributeDeletionInfo{std::string(deletion_status::kToBeDeleted), deletion_date});
  return content::NormalizeResponseItem(js::object{
      {"@type", "DeleteAttributeAcceptResponseItem"}, {"deletionDate", deletion_date}, {"result", "Accepted"}});
}

void DeleteAttributeRequestItemProcessor::ApplyIncomingResponseItem(storage::Transaction& tx,
                                                                    const js::object& response_item,
                                                                    const js::object& item,
                                                                    const LocalRequest& request,
                                                                    transport::PendingEvents&) {
  const auto type = StringAt(response_item, "@type");
  const bool accepted_with_date = type == "DeleteAttributeAcceptResponseItem";
  // A plain AcceptResponseItem: the peer had no copy any more.
  if (StringAt(response_item, "result") == "Accepted" && !accepted_with_date) return;
  const auto attribute = attributes_.Get(tx, StringAt(item, "attributeId"));
  if (!attribute || !IsDeletableByRequest(attribute->type)) return;
  if (accepted_with_date) {
    const AttributeDeletionInfo info{std::string(deletion_status::kToBeDeletedByRecipient),
                                     StringAt(response_item, "deletionDate")};
    SetEmittedDeletionInfo(tx, attributes_, *attribute, info, request.peer);
    return;
  }
  // Rejected (or an ErrorResponseItem): the deletion request was turned down, as of now.
  const AttributeDeletionInfo info{std::string(deletion_status::kDeletionRequestRejected),
                                   core::CoreDate::Now().ToString()};
  SetEmittedDeletionInfo(tx, attributes_, *attribute, info, request.peer);
}

void MarkDeletionRequestsSent(storage::Transaction& tx, const AttributesController& attributes,
                              const js::object& request_content, const std::string& peer) {
  std::vector<std::string> attribute_ids;
  if (const auto* items = request_content.if_contains("items"); items != nullptr && items->is_array()) {
    CollectDeleteItems(items->get_array(), attribute_ids);
  }
  if (attribute_ids.empty()) return;
  const AttributeDeletionInfo info{std::string(deletion_status::kDeletionRequestSent), core::CoreDate::Now().ToString()};
  for (const auto& id : attribute_ids) {
    const auto attribute = attributes.Get(tx, id);
    if (!attribute) {
      throw request_errors::Unexpected("The forwarded Attribute " + id +
                                       " of a created DeleteAttributeRequestItem was not found.");
    }
    if (!IsDeletableByRequest(attribute->type)) {
      throw request_errors::Unexpected("The attribute " + id +
                                       " of a created DeleteAttributeRequestItem is not an OwnIdentityAttribute, an "
                                       "OwnRelationshipAttribute or a PeerRelationshipAttribute.");
    }
    // Unlike the accept/reject answers, the official sent() sets the own relationship attribute's
    // info AND the forwarding details' info for its relationship peer.
    if (attribute->type == LocalAttributeType::kOwnRelationship && attribute->peer.value_or("") == peer) {
      attributes.SetPeerDeletionInfoWithPredecessors(tx, *attribute, info);
    }
    attributes.SetForwardedDeletionInfoWithPredecessors(tx, *attribute, info, peer);
  }
}

}  // namespace nmshd::consumption
