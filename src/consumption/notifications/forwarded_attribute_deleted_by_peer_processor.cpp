// ForwardedAttributeDeletedByPeerNotificationItemProcessor of @nmshd/consumption 7.0.0.
#include "consumption/attributes/attribute_deletion_status.h"
#include "consumption/attributes/attribute_errors.h"
#include "consumption/notifications/attribute_rollback_writes.h"
#include "consumption/notifications/notification_errors.h"
#include "consumption/notifications/notification_item_processor.h"
#include "consumption/notifications/processor_helpers.h"
#include "core/core_date.h"

namespace nmshd::consumption {
namespace {

using notification_processing::StringAt;

std::string WrongTypeMessage(const std::string& id) {
  return "The Attribute " + id +
         " is not an OwnIdentityAttribute, an OwnRelationshipAttribute or a PeerRelationshipAttribute.";
}

}  // namespace

std::optional<CodedError> ForwardedAttributeDeletedByPeerProcessor::CheckPrerequisites(
    storage::Transaction& tx, const boost::json::object& item, const LocalNotification& notification) const {
  const auto id = StringAt(item, "attributeId");
  const auto attribute = attributes_.Get(tx, id);
  if (!attribute) return std::nullopt;
  // The kinds that can be forwarded are the ones that count forwards.
  if (!attribute->CountsForwards()) return attribute_errors::WrongTypeOfAttribute(WrongTypeMessage(id));
  if (!attributes_.IsForwardedToPeer(tx, *attribute, notification.peer, false)) {
    return notification_errors::SenderIsNotPeerOfSharedAttribute(notification.peer, id);
  }
  return std::nullopt;
}

void ForwardedAttributeDeletedByPeerProcessor::Process(storage::Transaction& tx, const boost::json::object& item,
                                                       const LocalNotification& notification,
                                                       transport::PendingEvents& events) const {
  const auto id = StringAt(item, "attributeId");
  const auto attribute = attributes_.Get(tx, id);
  if (!attribute) return;
  if (!attribute->CountsForwards()) throw attribute_errors::WrongTypeOfAttribute(WrongTypeMessage(id));
  const AttributeDeletionInfo info{std::string(deletion_status::kDeletedByRecipient),
                                   core::CoreDate::Now().ToString()};
  attributes_.SetForwardedDeletionInfoWithPredecessors(tx, *attribute, info, notification.peer, true);
  events.Add("consumption.forwardedAttributeDeletedByPeer", attributes_.Dto(tx, *attribute));
}

void ForwardedAttributeDeletedByPeerProcessor::Rollback(storage::Transaction& tx, const boost::json::object& item,
                                                        const LocalNotification& notification) const {
  const auto attribute = attributes_.Get(tx, StringAt(item, "attributeId"));
  if (!attribute || !attribute->CountsForwards()) return;
  // As officially: the previous deletion info cannot be known, so it is removed.
  rollback_writes::ClearForwardedDeletionInfoWithPredecessors(tx, attributes_, *attribute, notification.peer);
}

}  // namespace nmshd::consumption
