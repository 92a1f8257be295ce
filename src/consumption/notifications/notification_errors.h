#pragma once
// The consumption errors the notification item processors raise that the attribute rules do not
// (ConsumptionCoreErrors.attributes of @nmshd/consumption 7.0.0), with the official codes and texts.
#include <string>
#include <string_view>

#include "consumption/attributes/attribute_errors.h"

namespace nmshd::consumption::notification_errors {

inline ConsumptionCoreError SuccessionPeerIsNotOwner() {
  return ConsumptionCoreError("error.consumption.attributes.successionPeerIsNotOwner",
                              "The peer of the succeeded Attribute is not its owner. This may be an attempt of spoofing.");
}

inline ConsumptionCoreError SenderIsNotPeerOfSharedAttribute(std::string_view sender, std::string_view attribute_id) {
  return ConsumptionCoreError("error.consumption.attributes.senderIsNotPeerOfSharedAttribute",
                              "The sender (id: '" + std::string(sender) +
                                  "') of the Notification is not the peer you shared the Attribute (id: '" +
                                  std::string(attribute_id) + "') with.");
}

// TransportCoreErrors.general.recordNotFound(LocalNotification, id): a CoreError, so the message
// reads "<code>: '<reason>' at <time>" like the other consumption CoreErrors.
inline ConsumptionCoreError NotificationNotFound() {
  return ConsumptionCoreError("error.transport.recordNotFound", "'LocalNotification' not found.");
}

}  // namespace nmshd::consumption::notification_errors
