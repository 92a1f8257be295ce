// Our connector's attribute REST API next to an official @nmshd/runtime 7.0.0 on our backbone
// (attributes_rest.js): the same values and steps on both sides, every answer compared (status,
// error code and message, result JSON byte for byte after ids, dates and the own address are
// replaced), and the consumption.* events our webhooks deliver compared with the runtime's.
#include <gtest/gtest.h>

#include <iostream>

#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace js = boost::json;
using backbone::testing::BackboneProcess;
using backbone::testing::ParseSteps;
using backbone::testing::RunNodePeer;

TEST(AttributesRestInterop, ConnectorAnswersLikeTheOfficialRuntime) {
  BackboneProcess backbone;
  backbone.Start();
  const auto webhook_port = FreeLoopbackPort();
  auto options = connector::testing::ConnectorOptionsFor(backbone);
  options.extra_config = connector::testing::WebhooksToLoopback(webhook_port, "consumption.*");
  ConnectorProcess connector(options);
  connector.Start();

  const auto run = RunNodePeer("../consumption/attributes_rest.js",
                               {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(),
                                backbone.client_secret(), std::to_string(webhook_port)});
  const auto steps = ParseSteps(run.output);
  std::size_t cases = 0;
  for (const auto& [name, result] : steps) {
    EXPECT_EQ(result.rfind("OK", 0), 0u) << name << ": " << result;
    if (name.rfind("case.", 0) == 0) ++cases;
  }
  EXPECT_GE(cases, 100u) << run.output;
  // What was compared, for the test log.
  for (const char* shown : {"list.all", "newerTypes", "events"}) {
    if (steps.count(shown)) std::cout << shown << ": " << steps.at(shown) << "\n";
  }
  for (const char* required : {"create.duplicates", "create.badRequests", "list.all", "list.filtered", "ownIdentity",
                               "get", "succeed", "succeed.errors", "versions", "ownIdentity.versions",
                               "executeIdentityAttributeQuery", "tagCollection", "delete", "newerTypes", "peerRoutes", "events"}) {
    EXPECT_TRUE(steps.count(required)) << "step " << required << " did not run\n" << run.output;
  }
  EXPECT_EQ(run.exit_code, 0) << run.output << "\n" << run.stderr_tail << "\n" << connector.LogTail();
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
