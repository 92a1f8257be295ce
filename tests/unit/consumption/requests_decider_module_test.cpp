// The DeciderModule (connector/modules/decider_module.h) on incoming requests in DecisionRequired:
// Consent/Authentication always manual, automationConfig rules that reject, rules whose parameters
// canAccept refuses (manual then), and the decision flags and events; on a SQLite database.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "attribute_store_fixture.h"
#include "base/js_json.h"
#include "connector/modules/decider_module.h"
#include "consumption/decider/automation_config.h"
#include "consumption/requests/incoming_requests_controller.h"
#include "consumption/requests/outgoing_requests_controller.h"
#include "content/requests/request_content.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kPeer = "did:e:localhost:dids:0000000000000000000002";

class DeciderModuleTest : public AttributeStoreTest {
 protected:
  DeciderModuleTest() : registry_(RequestItemProcessorRegistry::WithDefaultProcessors()), incoming_(*ctx_, registry_) {
    db_->Insert("relationships", "RELAAAAAAAAAAAAAAAAA",
                js::object{{"id", "RELAAAAAAAAAAAAAAAAA"}, {"peer", kPeer}, {"status", "Active"}});
  }

  // Receives `items` by message and moves the request to DecisionRequired; then lets `decider` decide.
  std::pair<std::string, LocalRequest> ReceiveAndDecide(const connector::DeciderModule& decider, const std::string& items) {
    transport::PendingEvents events;
    std::string result;
    auto request = db_->WithTransaction([&](storage::Transaction& tx) {
      auto r = incoming_.Received(
          tx, content::NormalizeRequest(js::object{{"@type", "Request"}, {"id", "REQAAAAAAAAAAAAAAAAA"}, {"items", json::Parse(items)}}),
          {"Message", "MSGAAAAAAAAAAAAAAAAA"}, kPeer, "", events);
      r = incoming_.CheckPrerequisites(tx, r.id, events);
      EXPECT_EQ(r.status, LocalRequestStatus::kDecisionRequired);
      result = decider.Decide(tx, r, events);
      return *incoming_.Get(tx, r.id, events);
    });
    events.PublishTo(sink_);
    return {result, request};
  }
  std::vector<std::string> StatusChanges() {
    std::vector<std::string> out;
    for (const auto& e : sink_.Events()) {
      if (e.name == "consumption.incomingRequestStatusChanged") {
        out.push_back(std::string(e.data.at("oldStatus").as_string()) + ">" + std::string(e.data.at("newStatus").as_string()));
      }
    }
    return out;
  }
  static std::vector<AutomationConfigElement> Rules(const std::string& json) { return ParseAutomationConfig(json::Parse(json)); }

  RequestItemProcessorRegistry registry_;
  IncomingRequestsController incoming_;
};

constexpr const char* kFormField =
    R"({"@type":"FormFieldRequestItem","mustBeAccepted":false,"title":"Name","settings":{"@type":"StringFormFieldSettings"}})";

TEST_F(DeciderModuleTest, ConsentNeedsAPersonEvenWhenARuleWouldDecideIt) {
  const connector::DeciderModule decider(
      incoming_, Rules(R"([{"requestConfig":{"content.item.@type":"ConsentRequestItem"},"responseConfig":{"accept":false}}])"));
  const auto [result, request] = ReceiveAndDecide(
      decider, R"([{"@type":"ConsentRequestItem","mustBeAccepted":false,"consent":"ok"}])");
  EXPECT_EQ(result, "ManualRequestDecisionRequired");
  EXPECT_EQ(request.status, LocalRequestStatus::kManualDecisionRequired);
  EXPECT_FALSE(request.was_automatically_decided.has_value());
  EXPECT_EQ(StatusChanges(), (std::vector<std::string>{"Open>DecisionRequired", "DecisionRequired>ManualDecisionRequired"}));
}

TEST_F(DeciderModuleTest, WithoutRulesEveryRequestIsManual) {
  const connector::DeciderModule decider(incoming_, {});
  const auto [result, request] = ReceiveAndDecide(decider, std::string("[") + kFormField + "]");
  EXPECT_EQ(result, "ManualRequestDecisionRequired");
  EXPECT_EQ(request.status, LocalRequestStatus::kManualDecisionRequired);
}

TEST_F(DeciderModuleTest, ARejectRuleDecidesTheRequestAutomatically) {
  const connector::DeciderModule decider(
      incoming_, Rules(R"([{"requestConfig":{"peer":"did:e:localhost:dids:0000000000000000000009"},"responseConfig":{"accept":false}},
                          {"requestConfig":{"content.item.@type":"FormFieldRequestItem"},
                           "responseConfig":{"accept":false,"code":"auto.no","message":"not answered automatically"}}])"));
  const auto [result, request] = ReceiveAndDecide(decider, std::string("[") + kFormField + "]");
  EXPECT_EQ(result, "RequestAutomaticallyDecided");
  EXPECT_EQ(request.status, LocalRequestStatus::kDecided);
  ASSERT_TRUE(request.was_automatically_decided.has_value());
  EXPECT_TRUE(*request.was_automatically_decided);
  ASSERT_TRUE(request.response.has_value());
  EXPECT_EQ(json::Stringify(request.response->content.at("items")),
            R"([{"@type":"RejectResponseItem","code":"auto.no","message":"not answered automatically","result":"Rejected"}])");
  EXPECT_EQ(request.response->content.at("result"), "Rejected");
  EXPECT_EQ(request.ToDto().at("wasAutomaticallyDecided"), true);
  EXPECT_EQ(StatusChanges(), (std::vector<std::string>{"Open>DecisionRequired", "DecisionRequired>Decided"}));
}

TEST_F(DeciderModuleTest, AnAcceptRuleThatCanAcceptRefusesFallsBackToManual) {
  // A FormField item accepted without a "response" fails canAccept: a person has to answer it.
  const connector::DeciderModule decider(
      incoming_, Rules(R"([{"requestConfig":{"content.item.@type":"FormFieldRequestItem"},"responseConfig":{"accept":true}}])"));
  const auto [result, request] = ReceiveAndDecide(decider, std::string("[") + kFormField + "]");
  EXPECT_EQ(result, "ManualRequestDecisionRequired");
  EXPECT_EQ(request.status, LocalRequestStatus::kManualDecisionRequired);
  EXPECT_FALSE(request.response.has_value());
}

TEST_F(DeciderModuleTest, AMismatchedConfigIsRefusedAtStart) {
  const auto module_config = json::Parse(
      R"({"enabled":true,"automationConfig":[{"requestConfig":{"peer":"x"},"responseConfig":{"accept":true,"newAttribute":{}}}]})");
  try {
    connector::DeciderModule::FromConfig(incoming_, module_config.as_object());
    FAIL() << "no error";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.runtime.decide.requestConfigDoesNotMatchResponseConfig");
  }
}

// A response taken from a ResponseWrapper (a nested member there) is stored as the top-level
// Response, "@type" included, as the official LocalResponse.content.toJSON() writes it.
TEST_F(DeciderModuleTest, ACompletedOutgoingRequestStoresTheTopLevelResponse) {
  OutgoingRequestsController outgoing(*ctx_, registry_);
  transport::PendingEvents events;
  const auto request = db_->WithTransaction([&](storage::Transaction& tx) {
    auto draft = outgoing.Create(tx, json::Parse(std::string(R"({"@type":"Request","items":[)") + kFormField + "]}").as_object(),
                                 kPeer, events);
    outgoing.Sent(tx, draft.id, "MSGAAAAAAAAAAAAAAAAB", events);
    const auto response = json::Parse(R"({"requestId":")" + draft.id +
                                      R"(","result":"Accepted","items":[{"@type":"FormFieldAcceptResponseItem","result":"Accepted","response":"Ada"}]})");
    return outgoing.Complete(tx, draft.id, {"Message", "MSGAAAAAAAAAAAAAAAAC"}, core::CoreDate::Now().ToString(),
                             response.as_object(), events);
  });
  EXPECT_EQ(request.status, LocalRequestStatus::kCompleted);
  EXPECT_EQ(request.response->content.at("@type"), "Response");
  EXPECT_EQ(request.ToDto().at("response").at("source").at("type"), "Message");
}

}  // namespace
}  // namespace nmshd::consumption::testing
