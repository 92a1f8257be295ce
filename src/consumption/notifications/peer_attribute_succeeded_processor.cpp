// PeerAttributeSucceededNotificationItemProcessor of @nmshd/consumption 7.0.0.
#include "consumption/attributes/attribute_errors.h"
#include "consumption/notifications/attribute_rollback_writes.h"
#include "consumption/notifications/notification_errors.h"
#include "consumption/notifications/notification_item_processor.h"
#include "consumption/notifications/processor_helpers.h"
#include "logging/log_system.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using notification_processing::StringAt;

bool IsApplicable(const LocalAttribute& attribute) {
  return attribute.type == LocalAttributeType::kPeerIdentity || attribute.type == LocalAttributeType::kPeerRelationship;
}

std::string WrongTypeMessage(const std::string& id) {
  return "The Attribute " + id + " is not a PeerIdentityAttribute or a PeerRelationshipAttribute.";
}

const js::object& SuccessorContent(const js::object& item) {
  static const js::object kEmpty;
  const auto* content = item.if_contains("successorContent");
  return content != nullptr && content->is_object() ? content->get_object() : kEmpty;
}

AttributesController::PeerSuccessorParams SuccessorParams(const js::object& item, const LocalNotification& notification) {
  return {StringAt(item, "successorId"), SuccessorContent(item), notification.id};
}

}  // namespace

std::optional<CodedError> PeerAttributeSucceededProcessor::CheckPrerequisites(storage::Transaction& tx,
                                                                             const js::object& item,
                                                                             const LocalNotification& notification) const {
  const auto& successor_content = SuccessorContent(item);
  if (notification.peer != StringAt(successor_content, "owner")) return notification_errors::SuccessionPeerIsNotOwner();
  const auto predecessor_id = StringAt(item, "predecessorId");
  const auto predecessor = attributes_.Get(tx, predecessor_id);
  if (!predecessor) return attribute_errors::PredecessorDoesNotExist();
  if (!IsApplicable(*predecessor)) return attribute_errors::WrongTypeOfAttribute(WrongTypeMessage(predecessor_id));
  const bool identity_successor = StringAt(successor_content, "@type") == "IdentityAttribute";
  if (predecessor->type == LocalAttributeType::kPeerIdentity ? !identity_successor
                                                             : StringAt(successor_content, "@type") != "RelationshipAttribute") {
    return attribute_errors::SuccessionMustNotChangeContentType();
  }
  // validatePeerIdentityAttributeSuccession / validatePeerRelationshipAttributeSuccession.
  try {
    attributes_.ValidatePeerSideSuccession(tx, *predecessor, SuccessorParams(item, notification));
  } catch (const CodedError& e) {
    return e;
  }
  return std::nullopt;
}

void PeerAttributeSucceededProcessor::Process(storage::Transaction& tx, const js::object& item,
                                              const LocalNotification& notification,
                                              transport::PendingEvents& events) const {
  try {
    const auto predecessor_id = StringAt(item, "predecessorId");
    auto predecessor = attributes_.Get(tx, predecessor_id);
    if (!predecessor) throw attribute_errors::PredecessorDoesNotExist();
    if (!IsApplicable(*predecessor)) throw attribute_errors::WrongTypeOfAttribute(WrongTypeMessage(predecessor_id));
    // succeedPeerIdentity/PeerRelationshipAttribute(…, validate = false): the checks ran above.
    // It adds consumption.attributeSucceeded {predecessor, successor}, the processor's event.
    attributes_.SucceedPeerSideAttribute(tx, std::move(*predecessor), SuccessorParams(item, notification), events,
                                         false);
  } catch (const CodedError&) {
    try {
      Rollback(tx, item, notification);
    } catch (const std::exception& e) {
      logging::GetLogger("consumption.notifications")
          .Error("Rollback failed for notification item (notification id: {}): {}", notification.id, e.what());
    }
    throw;
  }
}

// rollbackPartialWork: removes the successor and the predecessor's link to it.
void PeerAttributeSucceededProcessor::Rollback(storage::Transaction& tx, const js::object& item,
                                               const LocalNotification& /*notification*/) const {
  if (const auto successor = attributes_.Get(tx, StringAt(item, "successorId"))) {
    rollback_writes::DeleteAttribute(tx, successor->id);
  }
  auto predecessor = attributes_.Get(tx, StringAt(item, "predecessorId"));
  if (predecessor && predecessor->succeeded_by) {
    predecessor->succeeded_by.reset();
    rollback_writes::UpdateAttribute(tx, *predecessor);
  }
}

}  // namespace nmshd::consumption
