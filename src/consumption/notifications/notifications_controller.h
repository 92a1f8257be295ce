#pragma once
// NotificationsController of @nmshd/consumption 7.0.0 (modules/notifications/NotificationsController):
// the LocalNotification records (collection "notifications") of Notifications received or sent as
// message content, and the processing of received ones by the item processors.
//
// Every method works in the caller's transaction — the NotificationModule calls them inside the
// transaction that stores the message (transport in-transaction observers), so a notification is
// received and processed exactly once together with its message. Events go into the caller's
// PendingEvents, published after the commit.
//
// Processing (processNotificationById): only the device that received it, only Open or Error ones;
// each item's prerequisites are checked, then it is processed; when an item fails, the items
// processed before it are rolled back in reverse order and the notification becomes Error (nothing
// is published); otherwise it becomes Completed and the items' events are published.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "consumption/attributes/attributes_controller.h"
#include "consumption/notifications/local_notification.h"
#include "consumption/notifications/notification_item_processor.h"
#include "storage/document_store.h"
#include "storage/query.h"
#include "transport/modules/transport_events.h"

namespace nmshd::consumption {

class NotificationsController {
 public:
  static constexpr std::string_view kCollection = "notifications";

  // `device_id`: this device (DVC…), the receivedByDevice of what it receives.
  NotificationsController(const AttributesController& attributes, std::string device_id);

  std::optional<LocalNotification> Get(storage::Transaction& tx, std::string_view id) const;
  std::vector<LocalNotification> Find(storage::Transaction& tx, const storage::Filter& filter = {}) const;

  // sent(message): the own message (MessageDTO) carrying a Notification, to exactly one recipient;
  // status Sent. Throws (plain errors, as officially) for a received message, other content or
  // several recipients; duplicateId when the notification id is known already.
  LocalNotification Sent(storage::Transaction& tx, const boost::json::object& message) const;
  // received(message): the peer's message carrying a Notification; status Open, receivedByDevice
  // this device.
  LocalNotification Received(storage::Transaction& tx, const boost::json::object& message) const;
  // processNotificationById: see above. Throws recordNotFound for an unknown id, and plain errors
  // for an own notification, one received by another device or one neither Open nor Error.
  LocalNotification ProcessById(storage::Transaction& tx, std::string_view id, transport::PendingEvents& events) const;
  // processOpenNotifactionsReceivedByCurrentDevice.
  void ProcessOpenReceivedByThisDevice(storage::Transaction& tx, transport::PendingEvents& events) const;
  // deleteNotificationsExchangedWithPeer.
  void DeleteExchangedWithPeer(storage::Transaction& tx, std::string_view peer) const;

 private:
  LocalNotification Process(storage::Transaction& tx, LocalNotification notification,
                            transport::PendingEvents& events) const;

  NotificationItemProcessorRegistry processors_;
  std::string device_id_;
};

}  // namespace nmshd::consumption
