#include "consumption/notifications/notifications_controller.h"

#include <algorithm>
#include <stdexcept>

#include "consumption/notifications/notification_errors.h"
#include "consumption/notifications/processor_helpers.h"
#include "content/requests/request_content.h"
#include "logging/log_system.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using notification_processing::StringAt;
using storage::Condition;

logging::Logger Log() { return logging::GetLogger("consumption.notifications"); }

// extractNotificationFromMessage: the message content as a Notification.
js::object NotificationOf(const js::object& message) {
  const auto* content = message.if_contains("content");
  if (content == nullptr || !content->is_object() || StringAt(content->get_object(), "@type") != "Notification") {
    throw std::runtime_error("Message does not contain a Notification.");
  }
  return content::NormalizeNotification(*content);
}

bool IsOwn(const js::object& message) {
  const auto* own = message.if_contains("isOwn");
  return own != nullptr && own->is_bool() && own->get_bool();
}

// Forwards what a processor adds to the notification's event list.
class CollectingSink final : public transport::TransportEventSink {
 public:
  explicit CollectingSink(transport::PendingEvents& target) : target_(target) {}
  void Publish(transport::TransportEvent event) override { target_.Add(std::move(event.name), std::move(event.data)); }

 private:
  transport::PendingEvents& target_;
};

}  // namespace

NotificationsController::NotificationsController(const AttributesController& attributes, std::string device_id)
    : processors_(attributes), device_id_(std::move(device_id)) {}

std::optional<LocalNotification> NotificationsController::Get(storage::Transaction& tx, std::string_view id) const {
  auto document = tx.Get(kCollection, id);
  if (!document) return std::nullopt;
  return LocalNotification::FromDocument(*document);
}

std::vector<LocalNotification> NotificationsController::Find(storage::Transaction& tx,
                                                             const storage::Filter& filter) const {
  storage::Query query;
  query.filter = filter;
  std::vector<LocalNotification> out;
  for (const auto& d : tx.Find(kCollection, query)) out.push_back(LocalNotification::FromDocument(d.body));
  return out;
}

LocalNotification NotificationsController::Sent(storage::Transaction& tx, const js::object& message) const {
  if (!IsOwn(message)) throw std::runtime_error("Cannot mark a LocalNotification as sent from a received Message.");
  auto content = NotificationOf(message);
  const auto* recipients = message.if_contains("recipients");
  if (recipients == nullptr || !recipients->is_array() || recipients->get_array().empty()) {
    throw std::runtime_error("Message has no recipient.");
  }
  if (recipients->get_array().size() > 1) throw std::runtime_error("Message contains more than one recipient.");
  LocalNotification notification;
  notification.id = StringAt(content, "id");
  notification.content = std::move(content);
  notification.status = std::string(notification_status::kSent);
  notification.is_own = true;
  notification.created_at = StringAt(message, "createdAt");
  notification.peer = StringAt(recipients->get_array().front().as_object(), "address");
  notification.source_reference = StringAt(message, "id");
  tx.Insert(kCollection, notification.id, notification.ToDocument());
  return notification;
}

LocalNotification NotificationsController::Received(storage::Transaction& tx, const js::object& message) const {
  if (IsOwn(message)) throw std::runtime_error("Cannot receive a Notification from an own message.");
  auto content = NotificationOf(message);
  LocalNotification notification;
  notification.id = StringAt(content, "id");
  notification.content = std::move(content);
  notification.status = std::string(notification_status::kOpen);
  notification.is_own = false;
  notification.created_at = StringAt(message, "createdAt");
  notification.peer = StringAt(message, "createdBy");
  notification.source_reference = StringAt(message, "id");
  notification.received_by_device = device_id_;
  tx.Insert(kCollection, notification.id, notification.ToDocument());
  return notification;
}

LocalNotification NotificationsController::ProcessById(storage::Transaction& tx, std::string_view id,
                                                       transport::PendingEvents& events) const {
  auto notification = Get(tx, id);
  if (!notification) throw notification_errors::NotificationNotFound();
  return Process(tx, std::move(*notification), events);
}

void NotificationsController::ProcessOpenReceivedByThisDevice(storage::Transaction& tx,
                                                              transport::PendingEvents& events) const {
  storage::Filter filter;
  filter.Where(Condition::Equals("receivedByDevice", js::string(device_id_)));
  filter.Where(Condition::Equals("isOwn", false));
  filter.Where(Condition::Equals("status", js::string(notification_status::kOpen)));
  for (auto& notification : Find(tx, filter)) Process(tx, std::move(notification), events);
}

void NotificationsController::DeleteExchangedWithPeer(storage::Transaction& tx, std::string_view peer) const {
  for (const auto& notification : Find(tx, storage::Filter{}.Where(Condition::Equals("peer", js::string(peer))))) {
    tx.Delete(kCollection, notification.id);
  }
}

LocalNotification NotificationsController::Process(storage::Transaction& tx, LocalNotification notification,
                                                   transport::PendingEvents& events) const {
  if (notification.is_own) throw std::runtime_error("Cannot process own notification.");
  if (notification.received_by_device != device_id_) {
    throw std::runtime_error("Notification is not received by current device.");
  }
  if (notification.status != notification_status::kOpen && notification.status != notification_status::kError) {
    throw std::runtime_error("Cannot process notification with status " + notification.status + ".");
  }

  const auto* items_value = notification.content.if_contains("items");
  const js::array items = items_value != nullptr && items_value->is_array() ? items_value->get_array() : js::array{};
  std::vector<const js::object*> processed;
  transport::PendingEvents item_events;  // published only when every item succeeded
  try {
    for (std::size_t index = 0; index < items.size(); ++index) {
      const auto& item = items[index].as_object();
      const auto& processor = processors_.ProcessorFor(item);
      if (const auto error = processor.CheckPrerequisites(tx, item, notification)) {
        throw std::runtime_error("Prerequisites of notificationItem with index '" + std::to_string(index) +
                                 "' of Notification " + notification.id + " not met. Root cause: " + error->what());
      }
      processor.Process(tx, item, notification, item_events);
      processed.push_back(&item);
    }
  } catch (const std::exception& e) {
    // A failed database operation leaves the transaction unusable: nothing to roll back by hand,
    // the caller's transaction fails as a whole.
    if (tx.failed()) throw;
    Log().Error("Error while processing notification {}: {}", notification.id, e.what());
    std::reverse(processed.begin(), processed.end());
    for (const auto* item : processed) processors_.ProcessorFor(*item).Rollback(tx, *item, notification);
    notification.status = std::string(notification_status::kError);
    tx.Replace(kCollection, notification.id, notification.ToDocument());
    return notification;
  }
  notification.status = std::string(notification_status::kCompleted);
  tx.Replace(kCollection, notification.id, notification.ToDocument());
  CollectingSink sink(events);
  item_events.PublishTo(sink);
  return notification;
}

}  // namespace nmshd::consumption
