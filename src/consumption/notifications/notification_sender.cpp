#include "consumption/notifications/notification_sender.h"

#include "consumption/notifications/local_notification.h"

namespace nmshd::consumption {

namespace js = boost::json;

void SendNotificationWithId(transport::Messages& messages, const std::string& notification_id, const std::string& peer,
                            const js::object& notification_item) {
  const js::object notification{{"@type", "Notification"}, {"id", notification_id}, {"items", js::array{notification_item}}};
  messages.Send(js::object{{"recipients", js::array{js::string(peer)}}, {"content", notification}});
}

std::string SendNotification(transport::Messages& messages, const std::string& peer, const js::object& notification_item) {
  auto id = LocalNotification::GenerateId();
  SendNotificationWithId(messages, id, peer, notification_item);
  return id;
}

}  // namespace nmshd::consumption
