// AttributeUseCases::SucceedRelationshipAttributeAndNotifyPeer: SucceedRelationshipAttributeAndNotify
// PeerUseCase of @nmshd/runtime 7.0.0 (POST /api/core/v1/Attributes/{id}/Succeed when the predecessor
// is a RelationshipAttribute).
#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attribute_requests.h"
#include "consumption/attributes/attribute_use_cases.h"
#include "consumption/attributes/peer_relationships.h"
#include "consumption/notifications/local_notification.h"
#include "content/identity_value_schema.h"
#include "content/value_types.h"
#include "logging/log_system.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

CodedError IsNotOwnRelationshipAttribute(std::string_view id) {
  return CodedError("error.runtime.attributes.isNotOwnRelationshipAttribute",
                    "The Attribute '" + std::string(id) + "' is not an OwnRelationshipAttribute.");
}

// The schema `AttributeValues.Relationship.Json` (anyOf over the relationship value types): a value
// whose @type names a relationship value type goes on to RelationshipAttribute.from, which checks
// its properties (ServalError). The value type descriptions carry ajv's property types only for
// identity types, so a wrong property type in a relationship value is reported with ts-serval's
// message (requestDeserialization), not ajv's. Any other value fails with ajv's first error, the
// one of the first branch, ProprietaryBoolean.
std::optional<std::string> CheckRelationshipValueUnionSchema(const js::value& value, std::string_view path) {
  const js::value* type = value.is_object() ? value.get_object().if_contains("@type") : nullptr;
  if (type != nullptr && type->is_string() &&
      content::FindValueType(type->get_string(), content::AttributeKind::kRelationship) != nullptr) {
    return std::nullopt;
  }
  return content::CheckValueSchema(*content::FindValueType("ProprietaryBoolean"), value, path);
}

// SucceedRelationshipAttributeAndNotifyPeerRequest: {predecessorId: AttributeIdString,
// successorContent: {value: <a relationship value>}}, nothing else.
std::string CheckRequest(const js::value& request) {
  if (!request.is_object()) throw InvalidPropertyValue("must be object");
  const auto& o = request.get_object();
  for (const auto name : {"predecessorId", "successorContent"}) {
    if (!o.contains(name)) throw InvalidPropertyValue(std::string("must have required property '") + name + "'");
  }
  for (const auto& [key, value] : o) {
    if (key != "predecessorId" && key != "successorContent") {
      throw InvalidPropertyValue("must NOT have additional properties");
    }
  }
  const auto& id = o.at("predecessorId");
  if (!id.is_string()) throw InvalidPropertyValue("predecessorId must be string");
  CheckAttributeIdRequest("predecessorId", std::string(id.get_string()));
  const auto& content = o.at("successorContent");
  if (!content.is_object()) throw InvalidPropertyValue("successorContent must be object");
  if (!content.get_object().contains("value")) {
    throw InvalidPropertyValue("successorContent must have required property 'value'");
  }
  for (const auto& [key, value] : content.get_object()) {
    if (key != "value") throw InvalidPropertyValue("successorContent must NOT have additional properties");
  }
  if (auto failure = CheckRelationshipValueUnionSchema(content.at("value"), "successorContent/value")) {
    throw InvalidPropertyValue(*failure);
  }
  return std::string(id.get_string());
}

// MessageController.validateMessageRecipients for a Notification: an Active or Terminated
// relationship with a peer that is not deleted. Checked before anything is stored.
void CheckPeerCanBeNotified(storage::Transaction& tx, const std::string& peer) {
  const auto relationship = peer_relationships::ToPeer(tx, peer);
  const auto status = relationship ? peer_relationships::StatusOf(*relationship) : std::string();
  if (status != "Active" && status != "Terminated") {
    throw CodedError("error.transport.messages.hasNeitherActiveNorTerminatedRelationship",
                     "The Message cannot be sent as there is neither an active nor a terminated Relationship to the "
                     "recipient(s) with the following address(es): '" +
                         peer + "'.");
  }
  if (peer_relationships::PeerIsDeleted(*relationship)) {
    throw CodedError("error.transport.messages.peerIsDeleted",
                     "The Message cannot be sent due to the deletion of the recipient(s) with the following "
                     "address(es): '" +
                         peer + "'");
  }
}

}  // namespace

js::object AttributeUseCases::SucceedRelationshipAttributeAndNotifyPeer(const js::value& request) {
  const auto predecessor_id = CheckRequest(request);
  if (!notification_sender_with_id_) {
    throw CodedError("error.consumption.attributes.notifyingPeersNotSupported",
                     "Succeeding a RelationshipAttribute notifies the peer; no notification sender is installed.");
  }
  auto load_predecessor = [&](storage::Transaction& tx) {
    auto predecessor = controller_.Get(tx, predecessor_id);
    if (!predecessor) throw attribute_errors::PredecessorDoesNotExist();
    if (predecessor->type != LocalAttributeType::kOwnRelationship) throw IsNotOwnRelationshipAttribute(predecessor_id);
    return std::move(*predecessor);
  };
  // RelationshipAttribute.from({"@type", ...successorContent, confidentiality, isTechnical, key,
  // owner}): only the value comes from the request.
  auto build_successor = [&](const LocalAttribute& predecessor) {
    js::object content{{"@type", "RelationshipAttribute"}};
    for (const auto& [key, value] : request.at("successorContent").get_object()) content[key] = value;
    for (const auto key : {"confidentiality", "isTechnical", "key", "owner"}) {
      if (const auto* v = predecessor.content.if_contains(key)) content[key] = *v;
    }
    return content::RelationshipAttribute::FromJson(content);  // ServalError as the use case reports it
  };

  const auto notification_id = LocalNotification::GenerateId();
  transport::PendingEvents events;
  std::string peer;
  js::object item;
  auto result = controller_.context().db.WithTransaction([&](storage::Transaction& tx) {
    auto predecessor = load_predecessor(tx);
    const auto successor_content = build_successor(predecessor);
    controller_.ValidateOwnRelationshipAttributeSuccession(tx, predecessor, successor_content);
    peer = predecessor.peer.value_or("");
    CheckPeerCanBeNotified(tx, peer);
    auto [updated, successor] =
        controller_.SucceedOwnRelationshipAttribute(tx, std::move(predecessor), successor_content, notification_id, events);
    item = js::object{{"@type", "PeerAttributeSucceededNotificationItem"},
                      {"predecessorId", updated.id},
                      {"successorId", successor.id},
                      {"successorContent", successor.content}};
    return js::object{{"predecessor", controller_.Dto(tx, updated)},
                      {"successor", successor.ToDto(0)},
                      {"notificationId", notification_id}};
  });

  try {
    notification_sender_with_id_(notification_id, peer, item);
  } catch (...) {
    // The peer was not told: take the succession back so the predecessor can be succeeded again.
    const std::string successor_id(item.at("successorId").as_string());
    try {
      controller_.context().db.WithTransaction([&](storage::Transaction& tx) {
        tx.Delete(AttributesController::kCollection, successor_id);
        if (auto predecessor = controller_.Get(tx, predecessor_id);
            predecessor && predecessor->succeeded_by == successor_id) {
          predecessor->succeeded_by.reset();
          tx.Replace(AttributesController::kCollection, predecessor->id, predecessor->ToDocument());
        }
      });
    } catch (const std::exception& e) {
      logging::GetLogger("consumption.attributes")
          .Error("Could not take back the succession {} -> {} after sending failed: {}", predecessor_id, successor_id,
                 e.what());
    }
    throw;
  }
  events.PublishTo(controller_.context().events);
  return result;
}

}  // namespace nmshd::consumption
