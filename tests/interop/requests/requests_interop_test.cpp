// Requests between our connector and an official @nmshd/runtime 7.0.0 peer (requests_flow.js):
// onboarding by template (the onboarding events by webhook), requests by message in both
// directions, accepted and rejected; contents, responses, statuses and DTO keys compared.
#include <gtest/gtest.h>

#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace js = boost::json;
using backbone::testing::BackboneProcess;
using backbone::testing::ExpectFlowPassed;
using backbone::testing::RunNodePeer;

TEST(RequestsInterop, RequestsTravelBetweenConnectorAndOfficialRuntime) {
  RunFlowNextToConnector("../requests/requests_flow.js",
                         {"a.template", "a.peerLoadsAndDecidesManually", "a.peerAcceptsAndCreatesTheRelationship",
                          "a.ourOutgoingRequestCompleted", "a.onboardingEvents", "a.relationshipAccepted",
                          "b.sendChecks", "b.peerRejects", "c.weAccept", "c.weReject", "dtoKeys"});
}

// Onboarding with attributes (onboarding_attributes.js): Share/Read/Create items in our template,
// the records on both sides under the same ids, the events, and a rejected relationship taking
// what was exchanged with it.
TEST(RequestsInterop, OnboardingExchangesAttributesWithTheOfficialRuntime) {
  RunFlowNextToConnector("../requests/onboarding_attributes.js",
                         {"ourDisplayName", "peerGivenName", "template", "peerLoadsTheTemplate", "peerAccepts",
                          "ourRequestCompleted", "weHoldThePeersGivenName", "ourDisplayNameIsForwarded",
                          "customerNumberOnBothSides", "events", "rejectingTheRelationshipDeletesWhatWasExchanged"});
}

// The decider's automationConfig answering the official peer's requests (decider_rule.js): a rule
// accepts a ShareAttribute request, another rejects a FormField question, a Consent request waits
// for a person although the general rule would accept it.
TEST(RequestsInterop, DeciderRulesAnswerTheOfficialRuntimesRequests) {
  const auto decider = js::parse(R"({"automationConfig":[
    {"requestConfig":{"content.item.@type":"ShareAttributeRequestItem"},"responseConfig":{"accept":true}},
    {"requestConfig":{"content.item.@type":"FormFieldRequestItem"},"responseConfig":{"accept":false,"code":"acme.noForms","message":"No forms, please."}},
    {"requestConfig":{"content.item.@type":"ConsentRequestItem"},"responseConfig":{"accept":true}}]})");
  RunFlowNextToConnector(
      "../requests/decider_rule.js",
      {"relationship", "aRuleAcceptsAShare", "aRuleRejectsAFormField", "consentStaysForAPerson"},
      [&](ConnectorProcessOptions& o) { o.extra_config["modules"].as_object()["decider"] = decider; });
}

// Recovery: a decision whose response message failed (the Backbone down) is answered by the
// RequestModule at the next start, exactly once (requests_recovery.js).
TEST(RequestsInterop, ADecidedRequestIsAnsweredAfterARestart) {
  BackboneProcess backbone;
  backbone.Start();
  auto options = ConnectorOptionsFor(backbone);
  options.extra_config = js::object{{"transportLibrary", {{"platformTimeout", 2000}}}};
  ConnectorProcess connector(options);
  connector.Start();
  int controls = 0;
  int stop_exit_code = -1;
  const auto run =
      RunNodePeer("../requests/requests_recovery.js",
                  {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(), backbone.client_secret()}, [&] {
                    if (++controls == 1) {
                      backbone.Stop();
                      return;
                    }
                    backbone.Start();
                    stop_exit_code = connector.Stop();
                    connector.Start();
                  });
  ExpectFlowPassed(run,
                   {"relationship", "peerSendsARequest", "acceptWhileTheBackboneIsDown", "answeredAfterTheRestart"},
                   connector.LogTail());
  EXPECT_EQ(controls, 2) << run.output;
  EXPECT_EQ(stop_exit_code, 0) << connector.LogTail();
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace
}  // namespace nmshd::connector::testing
