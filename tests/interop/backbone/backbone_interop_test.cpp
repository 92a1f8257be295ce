// The official @nmshd/transport and @nmshd/runtime 7.0.0 against our backbone executable
// (register_and_sync.js, driven by backbone_process.h). The backbone runs on SQLite; with
// NMSHD_BACKBONE_TEST_DRIVER=postgres (the "pg." variants, pg fixture) on PostgreSQL.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "interop/backbone/backbone_process.h"

namespace nmshd::backbone::testing {
namespace {

using namespace std::chrono_literals;

std::string Driver() {
  const char* d = std::getenv("NMSHD_BACKBONE_TEST_DRIVER");
  return d && *d ? d : "sqlite";
}

BackboneProcessOptions Options() {
  BackboneProcessOptions o;
  o.driver = Driver();
  return o;
}

TEST(BackboneInterop, OfficialTransportAndRuntimeRegisterSyncAndReloginAfterRestart) {
  BackboneProcess backbone(Options());
  ASSERT_NO_THROW(backbone.Start());
  auto run = RunNodePeer("register_and_sync.js", {backbone.BaseUrl(), backbone.client_id(), backbone.client_secret()},
                         [&] { backbone.Restart(); });
  const auto context = run.output + "\n--- node stderr:\n" + run.stderr_tail + "\n" + backbone.LogTail();
  EXPECT_EQ(run.exit_code, 0) << context;
  const auto steps = ParseSteps(run.output);
  for (const char* name :
       {"transport.register", "transport.addressUsesHostname", "transport.syncEverything", "transport.syncDatawallet",
        "device2.onboard", "device2.syncEverything", "device1.seesDatawalletOfDevice2", "backbone.restart",
        "device1.reloginAfterRestart", "device2.reloginWithChangedPassword", "deletion.start", "deletion.syncRefused",
        "deletion.cancel", "deletion.syncAfterCancel", "transport.wrongClientSecretRefused", "runtime.start",
        "runtime.backboneCompatible", "runtime.syncEverything", "runtime.syncInfo",
        "runtime.registerPushNotificationToken", "runtime.identityNotDeleted"}) {
    auto it = steps.find(name);
    ASSERT_NE(it, steps.end()) << "step " << name << " did not run\n" << context;
    EXPECT_EQ(it->second.substr(0, 2), "OK") << name << ": " << it->second << "\n" << context;
  }
  EXPECT_NE(steps.at("transport.register").find("did:e:localhost:dids:"), std::string::npos);
  EXPECT_NE(steps.at("runtime.backboneCompatible").find("\"isCompatible\":true"), std::string::npos);
  EXPECT_NE(steps.at("deletion.syncRefused").find("cannotStartSyncRunWhileIdentityIsToBeDeleted"), std::string::npos);
  EXPECT_NE(steps.at("transport.wrongClientSecretRefused").find("platformClientInvalid"), std::string::npos);
  EXPECT_NE(run.output.find("SUMMARY {\"ok\":21,\"failed\":0"), std::string::npos) << context;
  // The restart really cost the clients their tokens: they got 401 and logged in again.
  const auto log = backbone.LogTail(1000000);
  EXPECT_NE(log.find("-> 401"), std::string::npos);
  EXPECT_NE(log.find("(database " + Driver() + ","), std::string::npos);
  EXPECT_EQ(backbone.Stop(), 0);
}

TEST(BackboneInterop, ExecutableStopsGracefullyAndReportsBadConfiguration) {
  BackboneProcess backbone(Options());
  ASSERT_NO_THROW(backbone.Start());
  EXPECT_GT(backbone.port(), 0);
  EXPECT_EQ(backbone.Stop(), 0);  // SIGTERM -> exit 0

  BackboneProcessOptions bad = Options();
  bad.extra_config = boost::json::object{{"didDomainName", "x"}};
  BackboneProcess broken(bad);
  EXPECT_THROW(broken.Start(), std::runtime_error);
  EXPECT_NE(broken.LogTail().find("didDomainName"), std::string::npos) << broken.LogTail();
}

TEST(BackboneInterop, HelpListsTheConfigurationKeys) {
  const char* bin = std::getenv("NMSHD_BACKBONE_BIN");
  ASSERT_NE(bin, nullptr);
  ChildProcess help(ChildOptions{{bin, "--help"}, {}, {}, {}, false, true});
  std::string output;
  while (auto line = help.ReadLine(10s)) output += *line + "\n";
  EXPECT_EQ(help.Wait(10s), 0);
  for (const char* key : {"--httpServer:port=8090", "--didDomainName=\"localhost\"", "--platformClients=[]",
                          "--database:driver=\"sqlite\"", "--authentication:maxFailedAccessAttempts=3",
                          "--limits:maxRequestBodyBytes=20971520", "backbone listening on http://"}) {
    EXPECT_NE(output.find(key), std::string::npos) << key << "\n" << output;
  }
}

TEST(BackboneInterop, ServesHttpWithTheConfiguredBodyLimit) {
  BackboneProcessOptions options = Options();
  options.extra_config = boost::json::object{{"limits", {{"maxRequestBodyBytes", 4096}, {"maxContentBytes", 1024}}}};
  BackboneProcess backbone(options);
  ASSERT_NO_THROW(backbone.Start());
  auto version = HttpExchange(backbone.port(), "GET", "/api/v2/Version");
  EXPECT_EQ(version.status, 200);
  EXPECT_EQ(version.body, R"({"result":{"majorVersion":"7"}})");
  EXPECT_NE(version.raw.find("x-correlation-id: "), std::string::npos);

  EXPECT_EQ(HttpExchange(backbone.port(), "POST", "/api/v2/Challenges", "{}").status, 201);
  auto large = HttpExchange(backbone.port(), "POST", "/api/v2/Challenges", std::string(8192, ' '));
  EXPECT_EQ(large.status, 413);
  EXPECT_NE(large.body.find("error.platform.requestBodyTooLarge"), std::string::npos) << large.raw;
  EXPECT_EQ(HttpExchange(backbone.port(), "POST", "/api/v2/SyncRuns", "{}").status, 401);
  EXPECT_EQ(backbone.Stop(), 0);
}

}  // namespace
}  // namespace nmshd::backbone::testing
