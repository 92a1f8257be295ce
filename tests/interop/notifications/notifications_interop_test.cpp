// Notifications between our connector and an official @nmshd/runtime 7.0.0 peer
// (notifications_flow.js): the four item types in the directions the Connector meets them —
// succession and deletion by the peer processed by us, our NotifyPeer and DELETE processed by the
// official NotificationModule — with the records and webhook events on our side.
#include <gtest/gtest.h>

#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace js = boost::json;
using backbone::testing::BackboneProcess;
using backbone::testing::ExpectFlowPassed;
using backbone::testing::RunNodePeer;

TEST(NotificationsInterop, NotificationsTravelBetweenConnectorAndOfficialRuntime) {
  BackboneProcess backbone;
  backbone.Start();
  const auto webhook_port = FreeLoopbackPort();
  auto options = ConnectorOptionsFor(backbone);
  options.extra_config = WebhooksToLoopback(webhook_port, "consumption.*");
  ConnectorProcess connector(options);
  connector.Start();

  const auto run = RunNodePeer("../notifications/notifications_flow.js",
                               {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(),
                                backbone.client_secret(), std::to_string(webhook_port)});
  ExpectFlowPassed(run,
                   {"ourDisplayName", "peerGivenName", "template", "onboarding", "peerSucceedsAndNotifies",
                    "peerDeletesItsGivenName", "weSucceedAndNotifyPeer", "peerDeletesOurDisplayName",
                    "weDeleteTheCustomerNumber"},
                   connector.LogTail());
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
