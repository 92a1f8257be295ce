// PeerRelationshipAttributeDeletedByPeerNotificationItemProcessor of @nmshd/consumption 7.0.0.
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

bool IsApplicable(const LocalAttribute& attribute) {
  return attribute.type == LocalAttributeType::kOwnRelationship ||
         attribute.type == LocalAttributeType::kThirdPartyRelationship;
}

std::string WrongTypeMessage(const std::string& id) {
  return "The Attribute " + id + " is not an OwnRelationshipAttribute or a ThirdPartyRelationshipAttribute.";
}

}  // namespace

std::optional<CodedError> PeerRelationshipAttributeDeletedByPeerProcessor::CheckPrerequisites(
    storage::Transaction& tx, const boost::json::object& item, const LocalNotification& notification) const {
  const auto id = StringAt(item, "attributeId");
  const auto attribute = attributes_.Get(tx, id);
  if (!attribute) return std::nullopt;
  if (!IsApplicable(*attribute)) return attribute_errors::WrongTypeOfAttribute(WrongTypeMessage(id));
  if (notification.peer != attribute->peer.value_or("")) {
    return notification_errors::SenderIsNotPeerOfSharedAttribute(notification.peer, id);
  }
  return std::nullopt;
}

void PeerRelationshipAttributeDeletedByPeerProcessor::Process(storage::Transaction& tx,
                                                              const boost::json::object& item,
                                                              const LocalNotification& /*notification*/,
                                                              transport::PendingEvents& events) const {
  const auto id = StringAt(item, "attributeId");
  const auto attribute = attributes_.Get(tx, id);
  if (!attribute) return;
  if (!IsApplicable(*attribute)) throw attribute_errors::WrongTypeOfAttribute(WrongTypeMessage(id));
  // My own relationship attribute: the peer deleted its copy. A third-party copy: its emitter
  // deleted the original. Either way even over an earlier deletion info (override).
  const auto status = attribute->type == LocalAttributeType::kOwnRelationship ? deletion_status::kDeletedByRecipient
                                                                             : deletion_status::kDeletedByEmitter;
  const AttributeDeletionInfo info{std::string(status), core::CoreDate::Now().ToString()};
  attributes_.SetPeerDeletionInfoWithPredecessors(tx, *attribute, info, true);
  const auto updated = attributes_.Get(tx, id);
  events.Add("consumption.peerRelationshipAttributeDeletedByPeer", attributes_.Dto(tx, updated.value_or(*attribute)));
}

void PeerRelationshipAttributeDeletedByPeerProcessor::Rollback(storage::Transaction& tx,
                                                               const boost::json::object& item,
                                                               const LocalNotification& /*notification*/) const {
  const auto attribute = attributes_.Get(tx, StringAt(item, "attributeId"));
  if (!attribute || !IsApplicable(*attribute)) return;
  // As officially: the previous deletion info cannot be known, so it is removed (override).
  auto versions = attributes_.Predecessors(tx, *attribute);
  versions.insert(versions.begin(), *attribute);
  for (auto& version : versions) {
    version.deletion_info.reset();
    rollback_writes::UpdateAttribute(tx, version);
  }
}

}  // namespace nmshd::consumption
