// The sse module end to end: our connector (modules.sse on, modules.sync off) receives what an
// official runtime peer sends without anyone calling POST /Account/Sync, also after our backbone
// restarted (connector_sse.js).
#include <gtest/gtest.h>

#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace js = boost::json;

std::size_t CountOf(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(ConnectorSse, RuntimePeerMessagesArriveByPushAlsoAfterABackboneRestart) {
  backbone::testing::BackboneProcess backbone;
  backbone.Start();
  auto options = ConnectorOptionsFor(backbone);
  options.extra_config = js::object{{"modules", {{"sse", {{"enabled", true}}}, {"sync", {{"enabled", false}}}}}};
  ConnectorProcess connector(options);
  connector.Start();

  const auto run = backbone::testing::RunNodePeer(
      "../connector/connector_sse.js",
      {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(), backbone.client_secret()},
      [&] { backbone.Restart(); });
  const auto steps = backbone::testing::ParseSteps(run.output);
  for (const auto& [name, result] : steps) {
    EXPECT_EQ(result.rfind("OK", 0), 0u) << name << ": " << result;
  }
  for (const char* required :
       {"relationship.requestArrivesByPush", "relationship.accepted", "message.arrivesByPush",
        "message.secondArrivesByPush", "backbone.restart", "message.arrivesByPushAfterBackboneRestart",
        "message.nextArrivesByPushAfterReconnect", "everyMessageOnce"}) {
    EXPECT_TRUE(steps.count(required)) << "step " << required << " did not run\n" << run.output;
  }
  EXPECT_EQ(run.exit_code, 0) << run.output << "\n" << run.stderr_tail << "\n" << connector.LogTail();
  const auto log = connector.LogTail(4 * 1024 * 1024);
  // Connected once at start and again after the restart; nobody asked for a sync over REST.
  EXPECT_GE(CountOf(log, "connected to the SSE endpoint"), 2u) << connector.LogTail();
  EXPECT_GE(CountOf(log, "/Account/IdentityInfo"), 1u);  // requests are logged with their path …
  EXPECT_EQ(CountOf(log, "/Account/Sync"), 0u);          // … and none asked for a sync
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
