// SIGKILL at random moments while an official runtime peer keeps sending (connector_crash.js):
// after each restart on the same database nothing is lost and nothing is duplicated.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace js = boost::json;

TEST(ConnectorCrash, SigkillWhileMessagesArriveLosesAndDuplicatesNothing) {
  backbone::testing::BackboneProcess backbone;
  backbone.Start();
  auto options = ConnectorOptionsFor(backbone);
  // The sync module keeps syncing, so the kills land before, during and after sync runs.
  options.extra_config = js::object{{"modules", {{"sync", {{"enabled", true}, {"interval", 1}}}}}};
  ConnectorProcess connector(options);
  connector.Start();

  std::mt19937 random(std::random_device{}());
  int kills = 0;
  const auto run = backbone::testing::RunNodePeer(
      "../connector/connector_crash.js",
      {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(), backbone.client_secret(), "5", "4"},
      [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 1500)(random)));
        connector.Kill();
        ++kills;
        connector.Start();
      });
  const auto steps = backbone::testing::ParseSteps(run.output);
  ASSERT_TRUE(steps.count("everyMessageExactlyOnce")) << run.output << run.stderr_tail << connector.LogTail();
  EXPECT_EQ(steps.at("everyMessageExactlyOnce").rfind("OK", 0), 0u) << steps.at("everyMessageExactlyOnce");
  EXPECT_EQ(kills, 5);
  EXPECT_EQ(run.exit_code, 0) << run.output << connector.LogTail();
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
