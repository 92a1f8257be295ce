// Notifications between our connector and an official @nmshd/runtime 7.0.0 peer
// (notifications_flow.js): the four item types in the directions the Connector meets them —
// succession and deletion by the peer processed by us, our NotifyPeer and DELETE processed by the
// official NotificationModule — with the records and webhook events on our side.
#include <gtest/gtest.h>

#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

TEST(NotificationsInterop, NotificationsTravelBetweenConnectorAndOfficialRuntime) {
  RunFlowNextToConnector(
      "../notifications/notifications_flow.js",
      {"ourDisplayName", "peerGivenName", "template", "onboarding", "peerSucceedsAndNotifies",
       "peerDeletesItsGivenName", "weSucceedAndNotifyPeer", "peerDeletesOurDisplayName", "weDeleteTheCustomerNumber"});
}

}  // namespace
}  // namespace nmshd::connector::testing
