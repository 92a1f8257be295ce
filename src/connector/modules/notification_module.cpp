#include "connector/modules/notification_module.h"

#include "logging/log_system.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

logging::Logger Log() { return logging::GetLogger("modules.notification"); }

std::string StringOf(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

bool CarriesNotification(const js::object& message) {
  const auto* content = message.if_contains("content");
  return content != nullptr && content->is_object() && StringOf(content->get_object(), "@type") == "Notification";
}

// The notification id, to refuse a second record under it before the insert would fail (a failed
// insert leaves the message's transaction unusable).
std::string NotificationIdOf(const js::object& message) {
  return StringOf(message.at("content").as_object(), "id");
}

}  // namespace

void NotificationModule::Install(transport::Messages& messages) const {
  messages.AddReceivedObserver([this](storage::Transaction& tx, const js::object& dto, transport::PendingEvents& e) {
    OnMessageReceived(tx, dto, e);
  });
  messages.AddSentObserver(
      [this](storage::Transaction& tx, const js::object& dto, transport::PendingEvents&) { OnMessageSent(tx, dto); });
}

void NotificationModule::OnMessageReceived(storage::Transaction& tx, const js::object& message,
                                           transport::PendingEvents& events) const {
  if (!CarriesNotification(message)) return;
  const auto message_id = StringOf(message, "id");
  std::string notification_id;
  try {
    if (notifications_.Get(tx, NotificationIdOf(message))) {
      throw std::runtime_error("a LocalNotification with the id " + NotificationIdOf(message) + " exists already");
    }
    notification_id = notifications_.Received(tx, message).id;
  } catch (const std::exception& e) {
    if (tx.failed()) throw;
    Log().Error("Could not mark Notification as received for message '{}'. {}", message_id, e.what());
    return;
  }
  try {
    notifications_.ProcessById(tx, notification_id, events);
  } catch (const std::exception& e) {
    if (tx.failed()) throw;
    Log().Error("Could not process Notification '{}'. {}", notification_id, e.what());
  }
}

void NotificationModule::OnMessageSent(storage::Transaction& tx, const js::object& message) const {
  if (!CarriesNotification(message)) return;
  try {
    if (notifications_.Get(tx, NotificationIdOf(message))) {
      throw std::runtime_error("a LocalNotification with the id " + NotificationIdOf(message) + " exists already");
    }
    notifications_.Sent(tx, message);
  } catch (const std::exception& e) {
    if (tx.failed()) throw;
    Log().Error("Could not mark Notification as sent by Message '{}'. {}", StringOf(message, "id"), e.what());
  }
}

}  // namespace nmshd::connector
