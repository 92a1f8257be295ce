// OwnAttributeDeletedByOwnerNotificationItemProcessor of @nmshd/consumption 7.0.0.
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
         " is not a PeerIdentityAttribute, a PeerRelationshipAttribute or a ThirdPartyRelationshipAttribute.";
}

}  // namespace

std::optional<CodedError> OwnAttributeDeletedByOwnerProcessor::CheckPrerequisites(
    storage::Transaction& tx, const boost::json::object& item, const LocalNotification& notification) const {
  const auto id = StringAt(item, "attributeId");
  const auto attribute = attributes_.Get(tx, id);
  if (!attribute) return std::nullopt;
  if (!attribute->IsReceived()) return attribute_errors::WrongTypeOfAttribute(WrongTypeMessage(id));
  if (notification.peer != attribute->peer.value_or("")) {
    return notification_errors::SenderIsNotPeerOfSharedAttribute(notification.peer, id);
  }
  return std::nullopt;
}

void OwnAttributeDeletedByOwnerProcessor::Process(storage::Transaction& tx, const boost::json::object& item,
                                                  const LocalNotification& /*notification*/,
                                                  transport::PendingEvents& events) const {
  const auto id = StringAt(item, "attributeId");
  const auto attribute = attributes_.Get(tx, id);
  if (!attribute) return;
  if (!attribute->IsReceived()) throw attribute_errors::WrongTypeOfAttribute(WrongTypeMessage(id));
  if (attribute->HasDeletionStatus(deletion_status::kToBeDeleted)) return;
  const AttributeDeletionInfo info{std::string(deletion_status::kDeletedByEmitter), core::CoreDate::Now().ToString()};
  attributes_.SetPeerDeletionInfoWithPredecessors(tx, *attribute, info);
  // The event carries the attribute as the setter left it.
  const auto updated = attributes_.Get(tx, id);
  events.Add("consumption.ownAttributeDeletedByOwner", attributes_.Dto(tx, updated.value_or(*attribute)));
}

void OwnAttributeDeletedByOwnerProcessor::Rollback(storage::Transaction& tx, const boost::json::object& item,
                                                   const LocalNotification& /*notification*/) const {
  const auto attribute = attributes_.Get(tx, StringAt(item, "attributeId"));
  if (!attribute || !attribute->IsReceived()) return;
  auto versions = attributes_.Predecessors(tx, *attribute);
  versions.insert(versions.begin(), *attribute);
  for (auto& version : versions) {
    if (version.HasDeletionStatus(deletion_status::kToBeDeleted)) continue;
    version.deletion_info.reset();
    rollback_writes::UpdateAttribute(tx, version);
  }
}

}  // namespace nmshd::consumption
