#pragma once
// A LocalNotification of runtime 7.0.0 (consumption modules/notifications/local/LocalNotification):
// the local record of a Notification {id: NOT…, items} that arrived in or left with a message.
//
// Stored in collection "notifications" under the notification's id in the shape of the runtime's
// LocalNotificationDTO (NotificationMapper.toNotificationDTO):
//   {id, isOwn, peer, createdAt, receivedByDevice?, content, status, source:{type:"Message", reference}}
// receivedByDevice is set exactly for received ones (LocalNotification.postFrom refuses it on own
// ones and requires it on received ones).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace nmshd::consumption {

// LocalNotificationStatus: Open (received, not processed yet), Sent (own), Completed, Error.
namespace notification_status {
inline constexpr std::string_view kOpen = "Open";
inline constexpr std::string_view kSent = "Sent";
inline constexpr std::string_view kCompleted = "Completed";
inline constexpr std::string_view kError = "Error";
}  // namespace notification_status

struct LocalNotification {
  std::string id;
  bool is_own = false;
  std::string peer;
  std::string created_at;
  std::optional<std::string> received_by_device;
  boost::json::object content;  // the Notification, normalized (content::NormalizeNotification)
  std::string status;
  std::string source_reference;  // the Message (MSG…) that carried it; source.type is always "Message"

  // A fresh notification id: "NOT" + 17 alphanumerics (ConsumptionIds.notification).
  static std::string GenerateId();

  boost::json::object ToDto() const;
  boost::json::object ToDocument() const { return ToDto(); }
  static LocalNotification FromDocument(const boost::json::object& document);
};

}  // namespace nmshd::consumption
