// Our connector and an official @nmshd/runtime 7.0.0 peer on our backbone (connector_flow.js), and
// the same flows between two of our connectors (connector_pair.js), against the real executables.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <vector>

#include "base/js_json.h"
#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace js = boost::json;
using backbone::testing::BackboneProcess;
using backbone::testing::ParseSteps;
using backbone::testing::RunNodePeer;

js::object WebhookConfig(unsigned short port) {
  return js::object{
      {"enabled", true},
      {"targets", {{"test", {{"url", "http://127.0.0.1:" + std::to_string(port) + "/hook/{{trigger}}"}}}}},
      {"webhooks", js::array{js::object{{"triggers", js::array{"**"}}, {"target", "test"}}}}};
}

void RunFlow(const std::string& mode) {
  BackboneProcess backbone;
  backbone.Start();
  const auto webhook_port = FreeLoopbackPort();
  auto options = ConnectorOptionsFor(backbone);
  js::object modules{{"webhooks", WebhookConfig(webhook_port)}};
  if (mode == "auto") modules["autoAcceptPendingRelationships"] = js::object{{"enabled", true}};
  options.extra_config = js::object{{"modules", modules}};
  ConnectorProcess connector(options);
  connector.Start();

  const auto run = RunNodePeer("../connector/connector_flow.js",
                               {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(),
                                backbone.client_secret(), std::to_string(webhook_port), mode});
  const auto steps = ParseSteps(run.output);
  for (const auto& [name, result] : steps) {
    EXPECT_EQ(result.rfind("OK", 0), 0u) << name << ": " << result;
  }
  for (const char* required :
       {"connector.identity", "template.create", "token.create", "peer.loadsTemplateByTokenReference",
        "relationship.connectorSeesRequest", "relationship.peerSeesActive", "message.peerToConnector",
        "message.connectorToPeer", "file.peerLoadsOurFileByReference", "file.connectorLoadsPeerFileByToken",
        "relationship.connectorTerminates", "reactivation.peerRequestsConnectorRejects",
        "reactivation.connectorRequestsPeerAccepts", "relationship.peerTerminatesAndDecomposes",
        "webhooks.exactlyOnce"}) {
    EXPECT_TRUE(steps.count(required)) << "step " << required << " did not run\n" << run.output;
  }
  EXPECT_EQ(run.exit_code, 0) << run.output << "\n" << run.stderr_tail << "\n" << connector.LogTail();
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

TEST(ConnectorInterop, RuntimePeerFullFlowAcceptedOverRest) { RunFlow("manual"); }

TEST(ConnectorInterop, RuntimePeerFullFlowAcceptedByTheAutoAcceptModule) { RunFlow("auto"); }

TEST(ConnectorPair, TwoConnectorsRunTheSameFlowsOverRest) {
  BackboneProcess backbone;
  backbone.Start();
  const unsigned short hook_ports[] = {FreeLoopbackPort(), FreeLoopbackPort()};
  std::vector<std::unique_ptr<ConnectorProcess>> connectors;
  for (auto port : hook_ports) {
    auto options = ConnectorOptionsFor(backbone);
    options.extra_config = js::object{{"modules", {{"webhooks", WebhookConfig(port)}}}};
    connectors.push_back(std::make_unique<ConnectorProcess>(options));
    connectors.back()->Start();
  }
  auto& a = *connectors[0];
  auto& b = *connectors[1];

  const auto run = RunNodePeer("../connector/connector_pair.js",
                               {a.Url(), b.Url(), kApiKey, std::to_string(hook_ports[0]), std::to_string(hook_ports[1])});
  const auto steps = ParseSteps(run.output);
  for (const auto& [name, result] : steps) {
    EXPECT_EQ(result.rfind("OK", 0), 0u) << name << ": " << result;
  }
  for (const char* required :
       {"identities", "template.loadedByBViaToken", "relationship.BRequestsAAccepts", "message.AToBWithAttachment",
        "message.BToAWithAttachment", "file.BLoadsAFileByReference", "file.ALoadsBFileByToken",
        "relationship.ATerminates", "reactivation.BRequestsARejects", "reactivation.ARequestsBAccepts",
        "relationship.BTerminatesAndDecomposesThenA", "webhooks.exactlyOnceOnBothSides"}) {
    EXPECT_TRUE(steps.count(required)) << "step " << required << " did not run\n" << run.output;
  }
  EXPECT_EQ(run.exit_code, 0) << run.output << "\n" << run.stderr_tail << "\nA:\n" << a.LogTail() << "\nB:\n" << b.LogTail();
  EXPECT_EQ(a.Stop(), 0) << a.LogTail();
  EXPECT_EQ(b.Stop(), 0) << b.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
