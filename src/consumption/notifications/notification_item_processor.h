#pragma once
// One processor per NotificationItem type (consumption itemProcessors/** of runtime 7.0.0), each in
// the caller's transaction:
//   CheckPrerequisites  checkPrerequisitesOfIncomingNotificationItem: the error, or nullopt when met;
//   Process             applies the item; the event it yields goes into `events`, which the
//                       NotificationsController publishes only once every item succeeded;
//   Rollback            undoes a processed item when a later item of the same notification failed.
// The four processors and the registry that picks one by the item's "@type".
#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string_view>

#include "base/coded_error.h"
#include "consumption/attributes/attributes_controller.h"
#include "consumption/notifications/local_notification.h"
#include "storage/document_store.h"
#include "transport/modules/transport_events.h"

namespace nmshd::consumption {

class NotificationItemProcessor {
 public:
  explicit NotificationItemProcessor(const AttributesController& attributes) : attributes_(attributes) {}
  virtual ~NotificationItemProcessor() = default;

  virtual std::optional<CodedError> CheckPrerequisites(storage::Transaction& tx, const boost::json::object& item,
                                                       const LocalNotification& notification) const = 0;
  virtual void Process(storage::Transaction& tx, const boost::json::object& item, const LocalNotification& notification,
                       transport::PendingEvents& events) const = 0;
  virtual void Rollback(storage::Transaction& tx, const boost::json::object& item,
                        const LocalNotification& notification) const = 0;

 protected:
  const AttributesController& attributes_;
};

// PeerAttributeSucceededNotificationItem {predecessorId, successorId, successorContent}: the owner
// succeeded an attribute it shared; the peer-side successor is created under the owner's id.
// Event consumption.attributeSucceeded {predecessor, successor}.
class PeerAttributeSucceededProcessor final : public NotificationItemProcessor {
 public:
  using NotificationItemProcessor::NotificationItemProcessor;
  std::optional<CodedError> CheckPrerequisites(storage::Transaction& tx, const boost::json::object& item,
                                               const LocalNotification& notification) const override;
  void Process(storage::Transaction& tx, const boost::json::object& item, const LocalNotification& notification,
               transport::PendingEvents& events) const override;
  void Rollback(storage::Transaction& tx, const boost::json::object& item,
                const LocalNotification& notification) const override;
};

// OwnAttributeDeletedByOwnerNotificationItem {attributeId}: the owner deleted it; my copy (and its
// predecessors) become DeletedByEmitter unless I am to delete it anyway (ToBeDeleted).
// Event consumption.ownAttributeDeletedByOwner.
class OwnAttributeDeletedByOwnerProcessor final : public NotificationItemProcessor {
 public:
  using NotificationItemProcessor::NotificationItemProcessor;
  std::optional<CodedError> CheckPrerequisites(storage::Transaction& tx, const boost::json::object& item,
                                               const LocalNotification& notification) const override;
  void Process(storage::Transaction& tx, const boost::json::object& item, const LocalNotification& notification,
               transport::PendingEvents& events) const override;
  void Rollback(storage::Transaction& tx, const boost::json::object& item,
                const LocalNotification& notification) const override;
};

// PeerRelationshipAttributeDeletedByPeerNotificationItem {attributeId}: the peer deleted its copy of
// my RelationshipAttribute (→ DeletedByRecipient), or the owner of a third-party copy did
// (→ DeletedByEmitter). Event consumption.peerRelationshipAttributeDeletedByPeer.
class PeerRelationshipAttributeDeletedByPeerProcessor final : public NotificationItemProcessor {
 public:
  using NotificationItemProcessor::NotificationItemProcessor;
  std::optional<CodedError> CheckPrerequisites(storage::Transaction& tx, const boost::json::object& item,
                                               const LocalNotification& notification) const override;
  void Process(storage::Transaction& tx, const boost::json::object& item, const LocalNotification& notification,
               transport::PendingEvents& events) const override;
  void Rollback(storage::Transaction& tx, const boost::json::object& item,
                const LocalNotification& notification) const override;
};

// ForwardedAttributeDeletedByPeerNotificationItem {attributeId}: the peer deleted what I forwarded
// to it; my forwarding details for that peer (and the predecessors') become DeletedByRecipient.
// Event consumption.forwardedAttributeDeletedByPeer.
class ForwardedAttributeDeletedByPeerProcessor final : public NotificationItemProcessor {
 public:
  using NotificationItemProcessor::NotificationItemProcessor;
  std::optional<CodedError> CheckPrerequisites(storage::Transaction& tx, const boost::json::object& item,
                                               const LocalNotification& notification) const override;
  void Process(storage::Transaction& tx, const boost::json::object& item, const LocalNotification& notification,
               transport::PendingEvents& events) const override;
  void Rollback(storage::Transaction& tx, const boost::json::object& item,
                const LocalNotification& notification) const override;
};

// NotificationItemProcessorRegistry with the four 7.0.0 processors.
class NotificationItemProcessorRegistry {
 public:
  explicit NotificationItemProcessorRegistry(const AttributesController& attributes);
  // getProcessorForItem; throws for an item type without a processor.
  const NotificationItemProcessor& ProcessorFor(const boost::json::object& item) const;

 private:
  PeerAttributeSucceededProcessor peer_attribute_succeeded_;
  OwnAttributeDeletedByOwnerProcessor own_attribute_deleted_by_owner_;
  PeerRelationshipAttributeDeletedByPeerProcessor peer_relationship_attribute_deleted_by_peer_;
  ForwardedAttributeDeletedByPeerProcessor forwarded_attribute_deleted_by_peer_;
};

}  // namespace nmshd::consumption
