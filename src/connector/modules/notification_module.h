#pragma once
// The runtime's NotificationModule (packages/runtime/src/modules/NotificationModule.ts): a received
// message whose content is a Notification is received (LocalNotification Open) and processed by
// the item processors; an own sent one is recorded as Sent.
//
// Both reactions run INSIDE the transaction that stores the message (transport in-transaction
// observers), so a notification is received and processed exactly once, together with its message
// and — for a synced message — the sync ledger entry; its consumption.* events go out after the
// commit, behind transport.messageReceived. As officially, a notification that cannot be received
// or processed is logged and the message stays stored; only a failed database operation fails the
// whole change.
#include <boost/json.hpp>

#include "consumption/notifications/notifications_controller.h"
#include "storage/document_store.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/transport_events.h"

namespace nmshd::connector {

class NotificationModule {
 public:
  explicit NotificationModule(const consumption::NotificationsController& notifications)
      : notifications_(notifications) {}

  // Adds the received and sent observers; before any sync or REST call runs.
  void Install(transport::Messages& messages) const;

  // The in-transaction reactions (public for tests that drive them directly).
  void OnMessageReceived(storage::Transaction& tx, const boost::json::object& message,
                         transport::PendingEvents& events) const;
  void OnMessageSent(storage::Transaction& tx, const boost::json::object& message) const;

 private:
  const consumption::NotificationsController& notifications_;
};

}  // namespace nmshd::connector
