// SIGTERM under load (connector_sigterm.js, issue #6): while an official runtime peer keeps sending
// and clients keep POSTing and GETting messages over REST, the connector gets SIGTERM at a random
// moment. It must exit with code 0 within the documented bound (shutdownTimeoutSeconds, README
// "Events and modules"), and after the restart nothing is lost or duplicated on either side. And
// when the stop hangs (a request waits for a Backbone that does not answer), the process still
// ends at the bound (exit code 1) and starts again afterwards.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <iostream>
#include <random>
#include <thread>

#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace js = boost::json;
using namespace std::chrono_literals;

// The documented default bound from SIGTERM to the exit (shutdownTimeoutSeconds, stop_watchdog.h).
constexpr auto kStopBound = 15s;

TEST(ConnectorSigterm, SigtermUnderLoadExitsZeroWithinTheBoundAndLosesNothing) {
  backbone::testing::BackboneProcess backbone;
  backbone.Start();
  auto options = ConnectorOptionsFor(backbone);
  options.log_level = "INFO";
  // The sync module fetches the peer's messages every second, so the stop also meets a sync.
  options.extra_config = js::object{{"modules", {{"sync", {{"enabled", true}, {"interval", 1}}}}}};
  ConnectorProcess connector(options);
  connector.Start();

  std::mt19937 random(std::random_device{}());
  int exit_code = -1;
  std::chrono::milliseconds took{0};
  int stops = 0;
  const auto run = backbone::testing::RunNodePeer(
      "../connector/connector_sigterm.js",
      {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(), backbone.client_secret(), "24"}, [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 700)(random)));
        const auto start = std::chrono::steady_clock::now();
        exit_code = connector.Stop();
        took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        ++stops;
        connector.Start();
      });
  const auto steps = backbone::testing::ParseSteps(run.output);
  for (const char* name : {"loadWithSigterm", "everyRestMessageExactlyOnceOnBothSides", "everyPeerMessageExactlyOnce"}) {
    ASSERT_TRUE(steps.count(name)) << name << "\n" << run.output << run.stderr_tail << connector.LogTail();
    EXPECT_EQ(steps.at(name).rfind("OK", 0), 0u) << name << ": " << steps.at(name) << "\n" << connector.LogTail();
  }
  EXPECT_EQ(run.exit_code, 0) << run.output << connector.LogTail();
  EXPECT_EQ(stops, 1);
  EXPECT_EQ(exit_code, 0) << connector.LogTail();
  EXPECT_LT(took, kStopBound) << connector.LogTail();
  const auto log = connector.LogTail(1 << 20);
  EXPECT_NE(log.find("received signal 15, stopping"), std::string::npos) << log;
  // What the graceful stop still answered (a diagnostic: how many depends on the random moment).
  const auto signal_at = log.find("received signal 15, stopping");
  const auto stopped_at = log.find("ConnectorRuntime - stopped", signal_at);
  int answered_while_stopping = 0;
  for (auto at = log.find("POST /api/core/v1/Messages 201", signal_at); at < stopped_at;
       at = log.find("POST /api/core/v1/Messages 201", at + 1)) {
    ++answered_while_stopping;
  }
  std::cout << "SIGTERM to exit: " << took.count() << " ms, " << answered_while_stopping
            << " message POSTs answered 201 while stopping; " << steps.at("loadWithSigterm") << "; "
            << steps.at("everyRestMessageExactlyOnceOnBothSides") << "\n";
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

TEST(ConnectorSigterm, AStopThatHangsOnTheBackboneEndsAtTheBound) {
  backbone::testing::BackboneProcess backbone;
  backbone.Start();
  auto options = ConnectorOptionsFor(backbone);
  options.log_level = "INFO";
  options.extra_config = js::object{{"shutdownTimeoutSeconds", 3}};
  ConnectorProcess connector(options);
  connector.Start();

  // The Backbone stops answering (its connections are accepted, nothing more); a sync waits for it.
  ASSERT_EQ(::kill(backbone.pid(), SIGSTOP), 0);
  std::thread request([&] {
    httplib::Client client(connector.Url());
    client.set_read_timeout(60, 0);
    client.Post("/api/core/v1/Account/Sync", {{"X-API-KEY", kApiKey}}, "{}", "application/json");
  });
  std::this_thread::sleep_for(500ms);
  const auto start = std::chrono::steady_clock::now();
  const int exit_code = connector.Stop();
  const auto took = std::chrono::steady_clock::now() - start;
  ::kill(backbone.pid(), SIGCONT);
  request.join();

  EXPECT_EQ(exit_code, 1) << connector.LogTail();
  EXPECT_GE(took, 3s) << connector.LogTail();
  EXPECT_LT(took, 5s) << connector.LogTail();
  EXPECT_NE(connector.LogTail().find("the stop did not finish within shutdownTimeoutSeconds (3 s)"), std::string::npos)
      << connector.LogTail();
  // Nothing is broken by the abandoned stop: the next start works.
  EXPECT_NO_THROW(connector.Start());
  httplib::Client client(connector.Url());
  const auto info = client.Get("/api/core/v1/Account/IdentityInfo", {{"X-API-KEY", kApiKey}});
  ASSERT_TRUE(info);
  EXPECT_EQ(info->status, 200);
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
