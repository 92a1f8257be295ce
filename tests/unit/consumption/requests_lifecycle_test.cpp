// LocalRequest lifecycle (consumption requests/incoming and outgoing of runtime 7.0.0): every
// transition, its events and the errors of the official rules, on a SQLite database without a
// Backbone. Relationships are stored records as transport writes them.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <random>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "attribute_store_fixture.h"
#include "base/js_json.h"
#include "consumption/requests/incoming_requests_controller.h"
#include "consumption/requests/local_requests.h"
#include "consumption/requests/outgoing_requests_controller.h"
#include "consumption/requests/request_use_cases.h"
#include "content/requests/request_content.h"
#include "core/core_date.h"

namespace nmshd::consumption::testing {
namespace {

namespace js = boost::json;

constexpr const char* kPeer = "did:e:localhost:dids:0000000000000000000002";
constexpr const char* kOther = "did:e:localhost:dids:0000000000000000000003";

class RequestsTest : public AttributeStoreTest {
 protected:
  RequestsTest()
      : registry_(RequestItemProcessorRegistry::WithDefaultProcessors()),
        incoming_(*ctx_, registry_),
        outgoing_(*ctx_, registry_),
        use_cases_(*ctx_, incoming_, outgoing_, [this](const std::string& id) { decided_.push_back(id); }) {}

  void AddRelationship(const std::string& peer, const std::string& status) {
    db_->Insert("relationships", "REL" + std::string(17 - status.size(), 'A') + status,
                js::object{{"id", "REL"}, {"peer", peer}, {"status", status}, {"templateId", "RLTAAAAAAAAAAAAAAAAA"}});
  }
  static js::object Items(const std::string& json) { return js::object{{"items", json::Parse(json)}}; }
  static js::object RequestContent() {
    return json::Parse(R"({"items":[
      {"@type":"ConsentRequestItem","mustBeAccepted":true,"consent":"I agree"},
      {"@type":"FormFieldRequestItem","mustBeAccepted":false,"title":"Age",
       "settings":{"@type":"IntegerFormFieldSettings","min":18,"max":120}}]})")
        .as_object();
  }
  std::vector<std::string> EventNames() {
    std::vector<std::string> out;
    for (const auto& e : sink_.Events()) out.push_back(e.name);
    return out;
  }
  // An incoming request received by message, as the RequestModule stores it.
  LocalRequest ReceiveByMessage(const std::string& id, const js::object& extra = {}) {
    auto content = RequestContent();
    content["@type"] = "Request";
    content["id"] = id;
    for (const auto& [k, v] : extra) content[k] = v;
    transport::PendingEvents events;
    auto request = db_->WithTransaction([&](storage::Transaction& tx) {
      return incoming_.Received(tx, content::NormalizeRequest(content), {"Message", "MSGAAAAAAAAAAAAAAAAA"}, kPeer, "",
                                events);
    });
    events.PublishTo(sink_);
    return request;
  }
  LocalRequest InTx(const std::function<LocalRequest(storage::Transaction&, transport::PendingEvents&)>& fn) {
    transport::PendingEvents events;
    auto r = db_->WithTransaction([&](storage::Transaction& tx) { return fn(tx, events); });
    events.PublishTo(sink_);
    return r;
  }

  RequestItemProcessorRegistry registry_;
  IncomingRequestsController incoming_;
  OutgoingRequestsController outgoing_;
  RequestUseCases use_cases_;
  std::vector<std::string> decided_;
};

TEST_F(RequestsTest, CreateMakesADraftWithTheIdInTheContent) {
  AddRelationship(kPeer, "Active");
  const auto dto = use_cases_.Create(js::object{{"peer", kPeer}, {"content", RequestContent()}});
  const std::string id(dto.at("id").as_string());
  EXPECT_EQ(id.substr(0, 3), "REQ");
  EXPECT_EQ(dto.at("content").at("id"), dto.at("id"));
  EXPECT_EQ(dto.at("content").at("@type"), "Request");
  EXPECT_EQ(dto.at("status"), "Draft");
  EXPECT_EQ(dto.at("isOwn"), true);
  EXPECT_FALSE(dto.contains("source"));
  EXPECT_EQ(EventNames(), std::vector<std::string>{"consumption.outgoingRequestCreated"});
  EXPECT_EQ(use_cases_.GetOutgoing(id), dto);
  EXPECT_EQ(use_cases_.GetOutgoingRequests({{"status", "Draft"}}).size(), 1u);
  EXPECT_EQ(use_cases_.GetIncomingRequests({}).size(), 0u);
}

TEST_F(RequestsTest, CanCreateRefusesSelfMissingRelationshipPastExpiryAndBadFormFields) {
  auto refused = [&](const js::object& body) { return std::string(use_cases_.CanCreate(body).at("code").as_string()); };
  EXPECT_EQ(refused({{"peer", kSelf}, {"content", RequestContent()}}),
            "error.consumption.requests.cannotShareRequestWithYourself");
  EXPECT_EQ(refused({{"peer", kOther}, {"content", RequestContent()}}), "error.consumption.requests.missingRelationship");
  AddRelationship(kOther, "Terminated");
  EXPECT_EQ(refused({{"peer", kOther}, {"content", RequestContent()}}),
            "error.consumption.requests.wrongRelationshipStatus");
  auto past = RequestContent();
  past["expiresAt"] = "2020-01-01T00:00:00.000Z";
  EXPECT_EQ(refused({{"content", past}}), "error.consumption.requests.cannotCreateRequestWithExpirationDateInPast");
  auto bad = json::Parse(R"({"items":[{"@type":"FormFieldRequestItem","mustBeAccepted":false,"title":"x",
    "settings":{"@type":"IntegerFormFieldSettings","min":10,"max":5}}]})");
  const auto result = use_cases_.CanCreate(js::object{{"content", bad}});
  EXPECT_EQ(result.at("isSuccess"), false);
  EXPECT_EQ(result.at("code"), "error.consumption.requests.validation.inheritedFromItem");
  EXPECT_EQ(result.at("items").at(0).at("code"), "error.consumption.requests.invalidRequestItem");
  EXPECT_EQ(use_cases_.CanCreate(js::object{{"content", RequestContent()}}).at("isSuccess"), true);
  EXPECT_TRUE(sink_.Events().empty());
}

TEST_F(RequestsTest, SentOpensAndAResponseCompletes) {
  AddRelationship(kPeer, "Active");
  const std::string id(use_cases_.Create(js::object{{"peer", kPeer}, {"content", RequestContent()}}).at("id").as_string());
  sink_.Clear();
  InTx([&](auto& tx, auto& ev) { return outgoing_.Sent(tx, id, "MSGBBBBBBBBBBBBBBBBB", ev); });
  auto dto = use_cases_.GetOutgoing(id);
  EXPECT_EQ(dto.at("status"), "Open");
  EXPECT_EQ(dto.at("source"), (js::object{{"type", "Message"}, {"reference", "MSGBBBBBBBBBBBBBBBBB"}}));
  EXPECT_THROW(InTx([&](auto& tx, auto& ev) { return outgoing_.Sent(tx, id, "MSGCCCCCCCCCCCCCCCCC", ev); }), CodedError);
  const auto response = content::NormalizeResponse(json::Parse(
      R"({"@type":"Response","result":"Accepted","requestId":")" + id +
      R"(","items":[{"@type":"AcceptResponseItem","result":"Accepted"},
                    {"@type":"FormFieldAcceptResponseItem","result":"Accepted","response":42}]})"));
  InTx([&](auto& tx, auto& ev) {
    return outgoing_.Complete(tx, id, {"Message", "MSGDDDDDDDDDDDDDDDDD"}, core::CoreDate::Now().ToString(), response, ev);
  });
  dto = use_cases_.GetOutgoing(id);
  EXPECT_EQ(dto.at("status"), "Completed");
  EXPECT_EQ(dto.at("response").at("content"), response);
  EXPECT_EQ(dto.at("response").at("source").at("reference"), "MSGDDDDDDDDDDDDDDDDD");
  const auto events = sink_.Events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data.at("oldStatus"), "Draft");
  EXPECT_EQ(events[0].data.at("newStatus"), "Open");
  EXPECT_EQ(events[1].data.at("oldStatus"), "Open");
  EXPECT_EQ(events[1].data.at("newStatus"), "Completed");
}

// A Response whose shape is not the Request's (more items, a plain item for a group) completes
// nothing: the official codes for a mismatched decision, the request stays Open without response.
TEST_F(RequestsTest, AResponseNotMatchingItsRequestIsRefusedAndChangesNothing) {
  AddRelationship(kPeer, "Active");
  auto content = RequestContent();
  content["items"].as_array().push_back(json::Parse(R"({"@type":"RequestItemGroup","items":[
      {"@type":"ConsentRequestItem","mustBeAccepted":false,"consent":"Newsletter"}]})"));
  const std::string id(use_cases_.Create(js::object{{"peer", kPeer}, {"content", content}}).at("id").as_string());
  InTx([&](auto& tx, auto& ev) { return outgoing_.Sent(tx, id, "MSGBBBBBBBBBBBBBBBBB", ev); });
  sink_.Clear();
  const std::string accept = R"({"@type":"AcceptResponseItem","result":"Accepted"})";
  const std::string group = R"({"@type":"ResponseItemGroup","items":[)" + accept + "]}";
  auto complete = [&](const std::string& items) {
    const auto response = content::NormalizeResponse(json::Parse(
        R"({"@type":"Response","result":"Accepted","requestId":")" + id + R"(","items":[)" + items + "]}"));
    try {
      InTx([&](auto& tx, auto& ev) {
        return outgoing_.Complete(tx, id, {"Message", "MSGDDDDDDDDDDDDDDDDD"}, core::CoreDate::Now().ToString(),
                                  response, ev);
      });
    } catch (const CodedError& e) {
      return e.code();
    }
    return std::string("completed");
  };
  EXPECT_EQ(complete(accept + "," + accept + "," + group + "," + accept),
            "error.consumption.requests.decide.validation.invalidNumberOfItems");
  EXPECT_EQ(complete(accept + "," + accept), "error.consumption.requests.decide.validation.invalidNumberOfItems");
  EXPECT_EQ(complete(accept + "," + accept + "," + accept),
            "error.consumption.requests.decide.validation.requestItemGroupAnsweredAsRequestItem");
  EXPECT_EQ(complete(group + "," + accept + "," + group),
            "error.consumption.requests.decide.validation.requestItemAnsweredAsRequestItemGroup");
  EXPECT_EQ(complete(accept + "," + accept + R"(,{"@type":"ResponseItemGroup","items":[)" + accept + "," + accept + "]}"),
            "error.consumption.requests.decide.validation.invalidNumberOfItems");
  const auto dto = use_cases_.GetOutgoing(id);
  EXPECT_EQ(dto.at("status"), "Open");
  EXPECT_FALSE(dto.contains("response"));
  EXPECT_TRUE(sink_.Events().empty());
  // The matching shape still completes.
  EXPECT_EQ(complete(accept + "," + accept + "," + group), "completed");
  EXPECT_EQ(use_cases_.GetOutgoing(id).at("status"), "Completed");
}

TEST_F(RequestsTest, IncomingRequestGoesThroughPrerequisitesManualDecisionAcceptAndComplete) {
  AddRelationship(kPeer, "Active");
  const std::string id = "REQAAAAAAAAAAAAAAAAA";
  auto request = ReceiveByMessage(id);
  EXPECT_EQ(request.status, LocalRequestStatus::kOpen);
  InTx([&](auto& tx, auto& ev) { return incoming_.CheckPrerequisites(tx, id, ev); });
  InTx([&](auto& tx, auto& ev) { return incoming_.RequireManualDecision(tx, id, ev); });
  EXPECT_EQ(use_cases_.GetIncoming(id).at("status"), "ManualDecisionRequired");
  EXPECT_EQ(EventNames(), (std::vector<std::string>{"consumption.incomingRequestReceived",
                                                    "consumption.incomingRequestStatusChanged",
                                                    "consumption.incomingRequestStatusChanged"}));
  // Structure and item rules.
  EXPECT_EQ(use_cases_.CanAccept(id, Items(R"([{"accept":true}])")).at("code"),
            "error.consumption.requests.decide.validation.invalidNumberOfItems");
  const auto must = use_cases_.CanAccept(id, Items(R"([{"accept":false},{"accept":false}])"));
  EXPECT_EQ(must.at("items").at(0).at("code"), "error.consumption.requests.decide.validation.mustBeAcceptedItemNotAccepted");
  const auto young = use_cases_.CanAccept(id, Items(R"([{"accept":true},{"accept":true,"response":12}])"));
  EXPECT_EQ(young.at("isSuccess"), false);
  EXPECT_EQ(young.at("items").at(1).at("code"), "error.consumption.requests.invalidAcceptParameters");
  EXPECT_EQ(young.at("items").at(1).at("message"), "The response cannot be smaller than the min 18.");
  EXPECT_EQ(use_cases_.CanReject(id, Items(R"([{"accept":true},{"accept":false}])")).at("items").at(0).at("code"),
            "error.consumption.requests.decide.validation.itemAcceptedButRequestNotAccepted");
  EXPECT_THROW(use_cases_.Accept(id, Items(R"([{"accept":true},{"accept":true,"response":12}])")), CodedError);
  EXPECT_TRUE(decided_.empty());
  // Accept.
  const auto decided = use_cases_.Accept(id, Items(R"([{"accept":true},{"accept":true,"response":30}])"));
  EXPECT_EQ(decided.at("status"), "Decided");
  EXPECT_EQ(decided_, std::vector<std::string>{id});
  const auto& response = decided.at("response").at("content");
  EXPECT_EQ(response.at("result"), "Accepted");
  EXPECT_EQ(response.at("requestId"), js::value(id));
  EXPECT_EQ(response.at("items").at(0).at("@type"), "AcceptResponseItem");
  EXPECT_EQ(response.at("items").at(1).at("@type"), "FormFieldAcceptResponseItem");
  EXPECT_EQ(response.at("items").at(1).at("response"), 30);
  EXPECT_FALSE(decided.at("response").as_object().contains("source"));
  EXPECT_THROW(use_cases_.Accept(id, Items(R"([{"accept":true},{"accept":false}])")), CodedError);
  InTx([&](auto& tx, auto& ev) {
    return incoming_.Complete(tx, id, LocalRequestSource{"Message", "MSGEEEEEEEEEEEEEEEEE"}, ev);
  });
  const auto done = use_cases_.GetIncoming(id);
  EXPECT_EQ(done.at("status"), "Completed");
  EXPECT_EQ(done.at("response").at("source"), (js::object{{"type", "Message"}, {"reference", "MSGEEEEEEEEEEEEEEEEE"}}));
}

TEST_F(RequestsTest, DecisionsNeedAnActiveRelationshipForMessageRequests) {
  AddRelationship(kPeer, "Terminated");
  const std::string id = "REQBBBBBBBBBBBBBBBBB";
  ReceiveByMessage(id);
  InTx([&](auto& tx, auto& ev) { return incoming_.CheckPrerequisites(tx, id, ev); });
  EXPECT_EQ(use_cases_.CanReject(id, Items(R"([{"accept":false},{"accept":false}])")).at("code"),
            "error.consumption.requests.wrongRelationshipStatus");
}

TEST_F(RequestsTest, RejectedTemplateRequestCompletesWithoutResponseSource) {
  auto content = RequestContent();
  content["@type"] = "Request";
  const auto request = InTx([&](auto& tx, auto& ev) {
    return incoming_.Received(tx, content::NormalizeRequest(content), {"RelationshipTemplate", "RLTAAAAAAAAAAAAAAAAA"},
                              kPeer, "2099-01-01T00:00:00.000Z", ev);
  });
  EXPECT_EQ(request.content.at("expiresAt"), "2099-01-01T00:00:00.000Z");  // capped by the template
  InTx([&](auto& tx, auto& ev) { return incoming_.CheckPrerequisites(tx, request.id, ev); });
  use_cases_.Reject(request.id, Items(R"([{"accept":false,"code":"nope"},{"accept":false}])"));
  const auto rejected = use_cases_.GetIncoming(request.id);
  EXPECT_EQ(rejected.at("response").at("content").at("result"), "Rejected");
  EXPECT_EQ(rejected.at("response").at("content").at("items").at(0).at("code"), "nope");
  InTx([&](auto& tx, auto& ev) { return incoming_.Complete(tx, request.id, std::nullopt, ev); });
  EXPECT_EQ(use_cases_.GetIncoming(request.id).at("status"), "Completed");
}

TEST_F(RequestsTest, ExpiryIsAppliedOnReadWithAnEvent) {
  AddRelationship(kPeer, "Active");
  const std::string id = "REQCCCCCCCCCCCCCCCCC";
  const auto soon = core::CoreDate::FromMillis(core::CoreDate::Now().millis() + 300).ToString();
  ReceiveByMessage(id, js::object{{"expiresAt", soon}});
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  sink_.Clear();
  EXPECT_EQ(use_cases_.GetIncoming(id).at("status"), "Expired");
  const auto events = sink_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name, "consumption.incomingRequestStatusChanged");
  EXPECT_EQ(events[0].data.at("newStatus"), "Expired");
  EXPECT_EQ(use_cases_.GetIncoming(id).at("status"), "Expired");
  EXPECT_EQ(sink_.Events().size(), 1u);  // written back: no second change
}

TEST_F(RequestsTest, DuplicateIdsAndUnknownItemsAreRefused) {
  AddRelationship(kPeer, "Active");
  ReceiveByMessage("REQDDDDDDDDDDDDDDDDD");
  try {
    ReceiveByMessage("REQDDDDDDDDDDDDDDDDD");
    FAIL() << "duplicate accepted";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.consumption.requests.cannotCreateRequestWithDuplicateId");
  }
  RequestItemProcessorRegistry empty;
  IncomingRequestsController without(*ctx_, empty);
  try {
    InTx([&](auto& tx, auto& ev) { return without.CheckPrerequisites(tx, "REQDDDDDDDDDDDDDDDDD", ev); });
    FAIL() << "item without processor accepted";
  } catch (const CodedError& e) {
    EXPECT_NE(std::string(e.what()).find("There was no processor registered for 'ConsentRequestItem'"), std::string::npos);
  }
}

TEST_F(RequestsTest, TemplateResponseCreatesAndCompletesAnOutgoingRequest) {
  auto on_new = RequestContent();
  on_new["@type"] = "Request";
  const js::object template_content{{"@type", "RelationshipTemplateContent"}, {"onNewRelationship", on_new}};
  const std::string id = "REQEEEEEEEEEEEEEEEEE";
  const auto response = content::NormalizeResponse(json::Parse(
      R"({"@type":"Response","result":"Accepted","requestId":")" + id +
      R"(","items":[{"@type":"AcceptResponseItem","result":"Accepted"},{"@type":"RejectResponseItem","result":"Rejected"}]})"));
  AddRelationship(kPeer, "Pending");
  const auto request = InTx([&](auto& tx, auto& ev) {
    return outgoing_.CreateAndCompleteFromRelationshipTemplateResponse(
        tx, "RLTAAAAAAAAAAAAAAAAA", template_content, kPeer, {"Relationship", "RELAAAAAAAAAAAAAAAAA"}, true,
        core::CoreDate::Now().ToString(), response, ev);
  });
  EXPECT_EQ(request.status, LocalRequestStatus::kCompleted);
  const auto dto = use_cases_.GetOutgoing(id);
  EXPECT_EQ(dto.at("source"), (js::object{{"type", "RelationshipTemplate"}, {"reference", "RLTAAAAAAAAAAAAAAAAA"}}));
  EXPECT_EQ(dto.at("response").at("source").at("type"), "Relationship");
  EXPECT_EQ(EventNames(), (std::vector<std::string>{"consumption.outgoingRequestCreatedAndCompleted",
                                                    "consumption.outgoingRequestFromRelationshipCreationCreatedAndCompleted"}));
}

}  // namespace
}  // namespace nmshd::consumption::testing
