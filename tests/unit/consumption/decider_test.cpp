// The Decider's automationConfig: which configurations start, which requests and items they decide,
// with the official DeciderModule's matching rules (runtime 7.0.0 dist/modules/DeciderModule.js).
#include <gtest/gtest.h>

#include <string>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "consumption/decider/automatic_decision.h"
#include "consumption/decider/automation_config.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

js::value J(std::string_view text) { return json::Parse(text); }

std::string CodeOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const CodedError& e) {
    return e.code();
  }
  return "";
}

const char* kPeer = "did:e:localhost:dids:1111111111111111111111";

js::object RequestDto(const js::array& items, std::string created_at = "2025-03-01T10:00:00.000Z") {
  return js::object{{"id", "REQaaaaaaaaaaaaaaaaa"},
                    {"isOwn", false},
                    {"peer", kPeer},
                    {"createdAt", created_at},
                    {"status", "DecisionRequired"},
                    {"content", js::object{{"@type", "Request"}, {"id", "REQaaaaaaaaaaaaaaaaa"}, {"items", items}}},
                    {"source", js::object{{"type", "Message"}, {"reference", "MSGaaaaaaaaaaaaaaaaa"}}}};
}

js::object ShareItem() {
  return J(R"({"@type":"ShareAttributeRequestItem","mustBeAccepted":true,"attributeId":"ATTaaaaaaaaaaaaaaaaa",
    "attribute":{"@type":"IdentityAttribute","owner":"did:e:localhost:dids:1111111111111111111111",
    "value":{"@type":"DisplayName","value":"ACME"}}})").as_object();
}

js::object ReadItem(std::string_view value_type, std::string_view tags = "") {
  std::string query = R"({"@type":"IdentityAttributeQuery","valueType":")" + std::string(value_type) + "\"";
  if (!tags.empty()) query += std::string(R"(,"tags":)") + std::string(tags);
  query += "}";
  auto item = J(R"({"@type":"ReadAttributeRequestItem","mustBeAccepted":false})").as_object();
  item["query"] = J(query);
  return item;
}

bool RelationshipExists() { return true; }

TEST(DeciderAutomationConfig, PairsAreCheckedAsTheModuleStartsAndMismatchesAreRefused) {
  auto rules = ParseAutomationConfig(J(R"([
    {"requestConfig":{"peer":["did:e:x"],"content.item.@type":"ShareAttributeRequestItem"},"responseConfig":{"accept":true}},
    {"requestConfig":{"content.item.@type":"ReadAttributeRequestItem","content.item.query.valueType":"DisplayName"},
     "responseConfig":{"accept":true,"newAttribute":{"@type":"IdentityAttribute","owner":"","value":{"@type":"DisplayName","value":"ACME"}}}},
    {"requestConfig":{"peer":"did:e:y"},"responseConfig":{"accept":false,"code":"x.y","message":"no"}},
    {"requestConfig":{"content.item.@type":"DeleteAttributeRequestItem"},"responseConfig":{"accept":true,"deletionDate":"2030-01-01T00:00:00.000Z"}}
  ])"));
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_TRUE(IsGeneralRequestConfig(rules[2].request_config));
  EXPECT_FALSE(IsGeneralRequestConfig(rules[0].request_config));

  const std::string mismatch = "error.runtime.decide.requestConfigDoesNotMatchResponseConfig";
  // A general config may only accept plainly.
  EXPECT_EQ(CodeOf([] { ParseAutomationConfig(J(R"([{"requestConfig":{"peer":"a"},"responseConfig":{"accept":true,"newAttribute":{}}}])")); }), mismatch);
  // ReadAttribute needs newAttribute, ProposeAttribute attribute, DeleteAttribute deletionDate.
  EXPECT_EQ(CodeOf([] { ParseAutomationConfig(J(R"([{"requestConfig":{"content.item.@type":"ReadAttributeRequestItem"},"responseConfig":{"accept":true}}])")); }), mismatch);
  EXPECT_EQ(CodeOf([] { ParseAutomationConfig(J(R"([{"requestConfig":{"content.item.@type":"ProposeAttributeRequestItem"},"responseConfig":{"accept":true}}])")); }), mismatch);
  EXPECT_EQ(CodeOf([] { ParseAutomationConfig(J(R"([{"requestConfig":{"content.item.@type":"DeleteAttributeRequestItem"},"responseConfig":{"accept":true}}])")); }), mismatch);
  // Other item configs: a plain accept only.
  EXPECT_EQ(CodeOf([] { ParseAutomationConfig(J(R"([{"requestConfig":{"content.item.@type":"FormFieldRequestItem"},"responseConfig":{"accept":true,"response":"x"}}])")); }), mismatch);
  // A reject fits everything.
  EXPECT_EQ(ParseAutomationConfig(J(R"([{"requestConfig":{"content.item.@type":"ReadAttributeRequestItem"},"responseConfig":{"accept":false}}])")).size(), 1u);
  EXPECT_TRUE(ParseAutomationConfig(js::value(nullptr)).empty());
  EXPECT_EQ(CodeOf([] { ParseAutomationConfig(J(R"({"requestConfig":{}})")); }), "error.runtime.decide.invalidAutomationConfig");
  EXPECT_EQ(CodeOf([] { ParseAutomationConfig(J(R"([{"requestConfig":{}}])")); }), "error.runtime.decide.invalidAutomationConfig");
}

TEST(DeciderAutomaticDecision, ConsentAndAuthenticationAlwaysNeedAPersonEvenInAGroup) {
  auto content = J(R"({"@type":"Request","items":[{"@type":"RequestItemGroup","items":[
    {"@type":"ConsentRequestItem","mustBeAccepted":true,"consent":"ok"}]}]})").as_object();
  EXPECT_TRUE(NeedsManualDecision(content));
  EXPECT_TRUE(NeedsManualDecision(J(R"({"items":[{"@type":"AuthenticationRequestItem","title":"t","mustBeAccepted":true}]})").as_object()));
  EXPECT_FALSE(NeedsManualDecision(js::object{{"items", js::array{ShareItem()}}}));
}

TEST(DeciderAutomaticDecision, ItemRulesDecideMatchingItemsAndTheRequestOnceAllAreDecided) {
  auto rules = ParseAutomationConfig(J(R"([
    {"requestConfig":{"content.item.@type":"ShareAttributeRequestItem"},"responseConfig":{"accept":true}},
    {"requestConfig":{"content.item.@type":"ReadAttributeRequestItem","content.item.query.valueType":"DisplayName"},
     "responseConfig":{"accept":true,"newAttribute":{"@type":"IdentityAttribute","owner":"","value":{"@type":"DisplayName","value":"ACME"}}}}
  ])"));
  auto decision = DecideAutomatically(rules, RequestDto(js::array{ShareItem(), ReadItem("DisplayName")}), RelationshipExists);
  ASSERT_TRUE(decision);
  EXPECT_TRUE(decision->accept);
  ASSERT_EQ(decision->items.size(), 2u);
  EXPECT_EQ(decision->items[0], J(R"({"accept":true})"));
  EXPECT_EQ(decision->items[1].at("newAttribute").at("value").at("value"), "ACME");

  // An item no rule fits leaves the whole request to a person.
  EXPECT_FALSE(DecideAutomatically(rules, RequestDto(js::array{ShareItem(), ReadItem("GivenName")}), RelationshipExists));
  // No rules, no decision.
  EXPECT_FALSE(DecideAutomatically({}, RequestDto(js::array{ShareItem()}), RelationshipExists));
}

TEST(DeciderAutomaticDecision, AGeneralAcceptOnlyDecidesCreateAndShareItemsButAGeneralRejectDecidesAll) {
  auto accept_all = ParseAutomationConfig(J(R"([{"requestConfig":{"peer":"did:e:localhost:dids:1111111111111111111111"},"responseConfig":{"accept":true}}])"));
  EXPECT_FALSE(DecideAutomatically(accept_all, RequestDto(js::array{ReadItem("GivenName")}), RelationshipExists));
  auto create = J(R"({"@type":"CreateAttributeRequestItem","mustBeAccepted":true,"attribute":{}})");
  auto shared = DecideAutomatically(accept_all, RequestDto(js::array{ShareItem(), create}), RelationshipExists);
  ASSERT_TRUE(shared);
  EXPECT_TRUE(shared->accept);

  auto reject_all = ParseAutomationConfig(J(R"([{"requestConfig":{"peer":["did:e:other","did:e:localhost:dids:1111111111111111111111"]},
    "responseConfig":{"accept":false,"code":"a.b","message":"no thanks"}}])"));
  auto rejected = DecideAutomatically(reject_all, RequestDto(js::array{ReadItem("GivenName"), ShareItem()}), RelationshipExists);
  ASSERT_TRUE(rejected);
  EXPECT_FALSE(rejected->accept);
  EXPECT_EQ(rejected->items[1], J(R"({"accept":false,"code":"a.b","message":"no thanks"})"));
}

TEST(DeciderAutomaticDecision, GroupsAreDecidedItemByItemAndKeepTheirShape) {
  auto rules = ParseAutomationConfig(J(R"([
    {"requestConfig":{"content.item.@type":["ShareAttributeRequestItem","CreateAttributeRequestItem"]},"responseConfig":{"accept":true}},
    {"requestConfig":{"content.item.@type":"ReadAttributeRequestItem"},"responseConfig":{"accept":false}}])"));
  js::array group_items{ShareItem(), ReadItem("GivenName")};
  auto decision = DecideAutomatically(
      rules, RequestDto(js::array{js::object{{"@type", "RequestItemGroup"}, {"items", group_items}}, ShareItem()}),
      RelationshipExists);
  ASSERT_TRUE(decision);
  EXPECT_TRUE(decision->accept);  // one accepted item is enough to accept the request
  EXPECT_EQ(decision->items[0], J(R"({"items":[{"accept":true},{"accept":false}]})"));
  EXPECT_EQ(decision->items[1], J(R"({"accept":true})"));
}

TEST(DeciderAutomaticDecision, DatesTagsRelationshipsAndMissingPropertiesFollowTheOfficialRules) {
  const auto accept_share = [](std::string_view general) {
    return ParseAutomationConfig(J(std::string(R"([{"requestConfig":{)") + std::string(general) +
                                   R"(,"content.item.@type":"ShareAttributeRequestItem"},"responseConfig":{"accept":true}}])"));
  };
  const auto request = RequestDto(js::array{ShareItem()});
  EXPECT_TRUE(DecideAutomatically(accept_share(R"("createdAt":">2025-01-01T00:00:00.000Z")"), request, RelationshipExists));
  EXPECT_FALSE(DecideAutomatically(accept_share(R"("createdAt":"<2025-01-01T00:00:00.000Z")"), request, RelationshipExists));
  EXPECT_TRUE(DecideAutomatically(accept_share(R"("createdAt":"2025-03-01T11:00:00.000+01:00")"), request, RelationshipExists));
  // Every condition of a list must hold.
  EXPECT_FALSE(DecideAutomatically(accept_share(R"("createdAt":[">2025-01-01T00:00:00.000Z","<2025-02-01T00:00:00.000Z"])"), request, RelationshipExists));
  // A property the request does not have: no match.
  EXPECT_FALSE(DecideAutomatically(accept_share(R"("content.expiresAt":">2025-01-01T00:00:00.000Z")"), request, RelationshipExists));
  EXPECT_TRUE(DecideAutomatically(accept_share(R"("source.type":"Message")"), request, RelationshipExists));
  // relationshipAlreadyExists against the lookup.
  EXPECT_TRUE(DecideAutomatically(accept_share(R"("relationshipAlreadyExists":true)"), request, RelationshipExists));
  EXPECT_FALSE(DecideAutomatically(accept_share(R"("relationshipAlreadyExists":false)"), request, RelationshipExists));
  // Objects compare as their JSON text.
  EXPECT_TRUE(DecideAutomatically(accept_share(R"("source":{"type":"Message","reference":"MSGaaaaaaaaaaaaaaaaa"})"), request, RelationshipExists));
  EXPECT_FALSE(DecideAutomatically(accept_share(R"("source":{"reference":"MSGaaaaaaaaaaaaaaaaa","type":"Message"})"), request, RelationshipExists));

  // Tags: one common tag is enough.
  auto by_tag = ParseAutomationConfig(J(R"([{"requestConfig":{"content.item.@type":"ReadAttributeRequestItem","content.item.query.tags":["x:a","x:b"]},
    "responseConfig":{"accept":false}}])"));
  EXPECT_TRUE(DecideAutomatically(by_tag, RequestDto(js::array{ReadItem("GivenName", R"(["x:b"])")}), RelationshipExists));
  EXPECT_FALSE(DecideAutomatically(by_tag, RequestDto(js::array{ReadItem("GivenName", R"(["x:c"])")}), RelationshipExists));

  // A configuration that cannot be compared ends the attempt and says why.
  std::string reason;
  auto bad = accept_share(R"("relationshipAlreadyExists":"yes")");
  EXPECT_FALSE(DecideAutomatically(bad, request, RelationshipExists, [&](const std::string& r) { reason = r; }));
  EXPECT_NE(reason.find("must be a boolean"), std::string::npos);
}

}  // namespace
}  // namespace nmshd::consumption
