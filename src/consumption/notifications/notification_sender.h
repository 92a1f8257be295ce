#pragma once
// Sending one notification item to a peer as the runtime's use cases do (DeleteAttributeAndNotify
// sendNotification, NotifyPeerAboutOwnIdentityAttributeSuccession): a Notification {id: NOT…,
// items:[item]} as the content of a message to the peer. The Backbone call happens in Send, so
// never call this inside a transaction. The LocalNotification (status Sent) is written by the
// NotificationModule's sent-message observer in the transaction that stores the message, as the
// official NotificationModule does on transport.messageSent.
#include <boost/json.hpp>
#include <string>

#include "transport/modules/messages/messages.h"

namespace nmshd::consumption {

// Returns the notification's id; throws what Send throws (nothing was sent then).
std::string SendNotification(transport::Messages& messages, const std::string& peer,
                             const boost::json::object& notification_item);
// The same with a notification id chosen beforehand (NotifyPeer records it as the forwarding's
// sourceReference before sending).
void SendNotificationWithId(transport::Messages& messages, const std::string& notification_id, const std::string& peer,
                            const boost::json::object& notification_item);

}  // namespace nmshd::consumption
