// Relationship templates end to end: identity A creates, B (and C) load through our in-process
// Backbone, with real sealing, references, passwords and personalization.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "base/coded_error.h"
#include "base/iso_date.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/support/transport_harness.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;
using testing::TestBackbone;
using testing::TestIdentity;

std::string InSeconds(int seconds) { return FormatIsoUtc(NowMs() + std::chrono::seconds(seconds)); }

struct Failure {
  std::string code;
  std::string message;
};

template <class Fn>
Failure FailureOf(Fn&& fn) {
  try {
    fn();
  } catch (const CodedError& e) {
    return {e.code(), e.what()};
  }
  return {"<no error>", ""};
}

js::object ArbitraryContent(std::string_view marker) {
  return {{"@type", "ArbitraryRelationshipTemplateContent"}, {"value", js::object{{"marker", marker}}}};
}

class TemplatesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backbone_ = new TestBackbone();
    a_ = new TestIdentity(*backbone_, "tpl-a");
    b_ = new TestIdentity(*backbone_, "tpl-b");
    c_ = new TestIdentity(*backbone_, "tpl-c");
  }
  static void TearDownTestSuite() {
    delete c_;
    delete b_;
    delete a_;
    delete backbone_;
  }
  void SetUp() override {
    a_->events().Clear();
    b_->events().Clear();
  }

  js::object CreateArbitrary(std::string_view marker, js::object extra = {}) {
    js::object body{{"expiresAt", InSeconds(3600)}, {"content", ArbitraryContent(marker)}};
    for (const auto& member : extra) body[member.key()] = member.value();
    return templates_a_.CreateOwn(body);
  }

  static TestBackbone* backbone_;
  static TestIdentity* a_;
  static TestIdentity* b_;
  static TestIdentity* c_;
  RelationshipTemplates templates_a_{a_->ctx()};
  RelationshipTemplates templates_b_{b_->ctx()};
  RelationshipTemplates templates_c_{c_->ctx()};
};

TestBackbone* TemplatesTest::backbone_ = nullptr;
TestIdentity* TemplatesTest::a_ = nullptr;
TestIdentity* TemplatesTest::b_ = nullptr;
TestIdentity* TemplatesTest::c_ = nullptr;

TEST_F(TemplatesTest, OwnTemplateDtoAndLocalRecord) {
  const auto expires = InSeconds(3600);
  const auto dto = templates_a_.CreateOwn(js::object{
      {"expiresAt", expires}, {"content", ArbitraryContent("own")}, {"maxNumberOfAllocations", 3}});

  EXPECT_TRUE(dto.at("id").as_string().starts_with("RLT"));
  EXPECT_EQ(dto.at("isOwn"), true);
  EXPECT_EQ(dto.at("createdBy"), a_->address().c_str());
  EXPECT_EQ(dto.at("createdByDevice"), a_->account().device().id.c_str());
  EXPECT_EQ(dto.at("expiresAt"), expires.c_str());
  EXPECT_EQ(dto.at("maxNumberOfAllocations"), 3);
  EXPECT_EQ(dto.at("content"), js::value(ArbitraryContent("own")));
  EXPECT_FALSE(dto.contains("forIdentity"));
  EXPECT_FALSE(dto.contains("passwordProtection"));
  const auto& url = dto.at("reference").at("url").as_string();
  EXPECT_TRUE(url.starts_with(backbone_->base_url() + "/r/" + std::string(dto.at("id").as_string()) + "#"));
  // The DTO members in the runtime's order.
  std::vector<std::string> keys;
  for (const auto& m : dto) keys.emplace_back(m.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "isOwn", "createdBy", "createdByDevice", "createdAt", "content",
                                            "expiresAt", "maxNumberOfAllocations", "reference"}));

  EXPECT_EQ(templates_a_.GetDto(std::string(dto.at("id").as_string())), dto);
  const auto local = templates_a_.Get(std::string(dto.at("id").as_string()));
  ASSERT_TRUE(local.template_key_pair.has_value());
  EXPECT_EQ(local.template_key_pair->publicKey(), local.template_key_public);
  EXPECT_TRUE(local.template_key_id.starts_with("TRPRTK"));
  EXPECT_EQ(local.creator_address, a_->address());
  EXPECT_EQ(local.creator_public_key, a_->account().identity_public_key());
  // The secret key and the key pair are sealed at rest, never in clear text.
  const auto doc = a_->db().Get(RelationshipTemplates::kCollection, local.id).value();
  EXPECT_EQ(js::serialize(doc).find(local.secret_key.ToJson().at("key").as_string()), std::string::npos);
  EXPECT_FALSE(doc.contains("secretKey"));
}

TEST_F(TemplatesTest, PeerLoadsByTruncatedReferenceAndSeesTheSameTemplate) {
  const auto own = CreateArbitrary("truncated", {{"maxNumberOfAllocations", 2}});
  const auto peer = templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});

  EXPECT_EQ(peer.at("id"), own.at("id"));
  EXPECT_EQ(peer.at("isOwn"), false);
  EXPECT_EQ(peer.at("createdBy"), own.at("createdBy"));
  EXPECT_EQ(peer.at("createdByDevice"), own.at("createdByDevice"));
  EXPECT_EQ(peer.at("createdAt"), own.at("createdAt"));
  EXPECT_EQ(peer.at("expiresAt"), own.at("expiresAt"));
  EXPECT_EQ(peer.at("maxNumberOfAllocations"), own.at("maxNumberOfAllocations"));
  EXPECT_EQ(peer.at("content"), own.at("content"));
  EXPECT_EQ(peer.at("reference"), own.at("reference"));

  const auto a_local = templates_a_.Get(std::string(own.at("id").as_string()));
  const auto b_local = templates_b_.Get(std::string(own.at("id").as_string()));
  EXPECT_FALSE(b_local.template_key_pair.has_value());
  EXPECT_EQ(b_local.template_key_public, a_local.template_key_public);
  EXPECT_EQ(b_local.template_key_id, a_local.template_key_id);
  EXPECT_EQ(b_local.secret_key, a_local.secret_key);
  EXPECT_EQ(b_local.creator_address, a_->address());
  EXPECT_EQ(b_local.creator_public_key, a_->account().identity_public_key());

  ASSERT_EQ(b_->events().Count("transport.peerRelationshipTemplateLoaded"), 1u);
  EXPECT_EQ(b_->events().Events().front().data, js::value(peer));

  // Loading again answers from the local record, and announces it again (as officially).
  EXPECT_EQ(templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("url")}}), peer);
  EXPECT_EQ(b_->events().Count("transport.peerRelationshipTemplateLoaded"), 2u);
}

TEST_F(TemplatesTest, PeerLoadsByUrl) {
  const auto own = CreateArbitrary("url");
  const auto peer = templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("url")}});
  EXPECT_EQ(peer.at("id"), own.at("id"));
  EXPECT_EQ(peer.at("content"), own.at("content"));
  EXPECT_FALSE(peer.contains("maxNumberOfAllocations"));
}

TEST_F(TemplatesTest, PeerLoadsThroughATokenOfTheTemplate) {
  const auto own = CreateArbitrary("token");
  const std::string id(own.at("id").as_string());
  const auto token = templates_a_.CreateTokenForOwn(id, js::object{{"ephemeral", false}});
  EXPECT_TRUE(token.at("id").as_string().starts_with("TOK"));
  EXPECT_EQ(token.at("isEphemeral"), false);
  EXPECT_EQ(token.at("expiresAt"), own.at("expiresAt"));  // inherits the template's expiry
  const auto& content = token.at("content").as_object();
  EXPECT_EQ(content.at("@type"), "TokenContentRelationshipTemplate");
  EXPECT_EQ(content.at("templateId"), id.c_str());
  // Not ephemeral: kept as an own token.
  EXPECT_EQ(templates_a_.tokens().GetDto(std::string(token.at("id").as_string())).at("id"), token.at("id"));

  const auto peer = templates_b_.LoadPeer(js::object{{"reference", token.at("reference").at("truncated")}});
  EXPECT_EQ(peer.at("id"), own.at("id"));
  EXPECT_EQ(peer.at("content"), own.at("content"));
  // The token itself was loaded ephemerally.
  EXPECT_EQ(templates_b_.tokens().List({}).size(), 0u);

  // Default: an ephemeral token that is not stored.
  const auto ephemeral = templates_a_.CreateTokenForOwn(id, js::object{});
  EXPECT_EQ(ephemeral.at("isEphemeral"), true);
  EXPECT_EQ(FailureOf([&] { templates_a_.tokens().GetDto(std::string(ephemeral.at("id").as_string())); }).code,
            "error.runtime.recordNotFound");
}

TEST_F(TemplatesTest, PasswordProtectedTemplate) {
  const auto own = CreateArbitrary("password", {{"passwordProtection", js::object{{"password", "s3cret"}}}});
  EXPECT_EQ(own.at("passwordProtection"), (js::object{{"password", "s3cret"}}));
  const auto reference = own.at("reference").at("truncated");
  const auto stored_before = b_->db().Count(RelationshipTemplates::kCollection);

  EXPECT_EQ(FailureOf([&] { templates_b_.LoadPeer(js::object{{"reference", reference}}); }).code,
            "error.transport.noPasswordProvided");
  EXPECT_EQ(FailureOf([&] { templates_b_.LoadPeer(js::object{{"reference", reference}, {"password", "wrong"}}); }).code,
            "error.runtime.recordNotFound");
  EXPECT_EQ(b_->db().Count(RelationshipTemplates::kCollection), stored_before);

  const auto peer = templates_b_.LoadPeer(js::object{{"reference", reference}, {"password", "s3cret"}});
  EXPECT_EQ(peer.at("passwordProtection"), (js::object{{"password", "s3cret"}}));
  EXPECT_EQ(peer.at("reference"), own.at("reference"));
}

TEST_F(TemplatesTest, PinProtectedTemplateAndItsToken) {
  const js::object pin{{"password", "1234"}, {"passwordIsPin", true}, {"passwordLocationIndicator", "Email"}};
  EXPECT_EQ(FailureOf([&] {
              CreateArbitrary("pin", {{"passwordProtection", js::object{{"password", "12ab"}, {"passwordIsPin", true}}}});
            }).message,
            "'passwordProtection.passwordIsPin' is true, hence 'passwordProtection.password' must consist of 4 to 16 "
            "digits from 0 to 9.");
  EXPECT_EQ(FailureOf([&] {
              CreateArbitrary("pin", {{"passwordProtection", js::object{{"password", "1234"}, {"passwordLocationIndicator", 7}}}});
            }).message,
            "must be a number from 50 to 99 or one of the following strings: Self, Letter, RegistrationLetter, Email, "
            "SMS, Website");

  const auto own = CreateArbitrary("pin", {{"passwordProtection", pin}});
  EXPECT_EQ(own.at("passwordProtection"), js::value(pin));
  const std::string id(own.at("id").as_string());

  // A token must repeat the template's protection exactly.
  EXPECT_EQ(FailureOf([&] { templates_a_.CreateTokenForOwn(id, js::object{}); }).code,
            "error.runtime.relationshipTemplates.passwordProtectionMustBeInherited");
  EXPECT_EQ(FailureOf([&] {
              templates_a_.CreateTokenForOwn(id, js::object{{"passwordProtection", js::object{{"password", "1234"}, {"passwordIsPin", true}}}});
            }).code,
            "error.runtime.relationshipTemplates.passwordProtectionMustBeInherited");
  const auto token = templates_a_.CreateTokenForOwn(id, js::object{{"passwordProtection", pin}});
  EXPECT_EQ(token.at("passwordProtection"), js::value(pin));

  EXPECT_EQ(FailureOf([&] { templates_b_.LoadPeer(js::object{{"reference", token.at("reference").at("url")}}); }).code,
            "error.transport.noPasswordProvided");
  const auto peer =
      templates_b_.LoadPeer(js::object{{"reference", token.at("reference").at("url")}, {"password", "1234"}});
  EXPECT_EQ(peer.at("id"), own.at("id"));
  EXPECT_EQ(peer.at("passwordProtection"), js::value(pin));
}

TEST_F(TemplatesTest, PersonalizedTemplate) {
  const auto own = CreateArbitrary("personal", {{"forIdentity", c_->address()}});
  EXPECT_EQ(own.at("forIdentity"), c_->address().c_str());
  const std::string id(own.at("id").as_string());

  EXPECT_EQ(FailureOf([&] { templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}}); }).code,
            "error.transport.general.notIntendedForYou");
  EXPECT_EQ(FailureOf([&] { templates_a_.CreateTokenForOwn(id, js::object{}); }).code,
            "error.runtime.relationshipTemplates.personalizationMustBeInherited");
  const auto token = templates_a_.CreateTokenForOwn(id, js::object{{"forIdentity", c_->address()}});
  EXPECT_EQ(FailureOf([&] { templates_b_.LoadPeer(js::object{{"reference", token.at("reference").at("truncated")}}); }).code,
            "error.transport.general.notIntendedForYou");

  const auto peer = templates_c_.LoadPeer(js::object{{"reference", token.at("reference").at("truncated")}});
  EXPECT_EQ(peer.at("forIdentity"), c_->address().c_str());
}

TEST_F(TemplatesTest, ExpiredTemplateIsNotFound) {
  const auto own = templates_a_.CreateOwn(js::object{{"expiresAt", InSeconds(1)}, {"content", ArbitraryContent("x")}});
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const auto failure = FailureOf([&] { templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("url")}}); });
  EXPECT_EQ(failure.code, "error.runtime.recordNotFound");
  EXPECT_TRUE(templates_a_.Get(std::string(own.at("id").as_string())).IsExpired());
}

TEST_F(TemplatesTest, ValidationWritesNothing) {
  const auto before = a_->db().Count(RelationshipTemplates::kCollection);
  auto expect = [&](const js::value& body, const std::string& code, const std::string& message) {
    const auto f = FailureOf([&] { templates_a_.CreateOwn(body); });
    EXPECT_EQ(f.code, code) << js::serialize(body);
    EXPECT_EQ(f.message, message) << js::serialize(body);
  };
  const std::string invalid = "error.runtime.validation.invalidPropertyValue";
  expect(js::object{}, invalid, "must have required property 'expiresAt'");
  expect(js::object{{"expiresAt", InSeconds(60)}}, invalid, "must have required property 'content'");
  expect(js::object{{"expiresAt", InSeconds(60)}, {"content", ArbitraryContent("v")}, {"maxNumberOfAllocations", 0}},
         invalid, "maxNumberOfAllocations must be >= 1");
  expect(js::object{{"expiresAt", "tomorrow"}, {"content", ArbitraryContent("v")}}, invalid,
         "expiresAt must match ISO8601 datetime format");
  expect(js::object{{"expiresAt", "2020-01-01T00:00:00.000Z"}, {"content", ArbitraryContent("v")}}, invalid,
         "'expiresAt' must be in the future");
  expect(js::object{{"expiresAt", InSeconds(60)}, {"content", ArbitraryContent("v")}, {"foo", 1}}, invalid,
         "must NOT have additional properties");
  expect(js::object{{"expiresAt", InSeconds(60)}, {"content", ArbitraryContent("v")}, {"forIdentity", "x"}}, invalid,
         R"(forIdentity must match pattern did:e:((([A-Za-z0-9]+(-[A-Za-z0-9]+)*)\.)+[a-z]{2,}|localhost):dids:[0-9a-f]{22})");
  expect(js::object{{"expiresAt", InSeconds(60)}, {"content", js::object{{"a", 1}}}}, invalid,
         "The content of a RelationshipTemplate must either be a RelationshipTemplateContent or an "
         "ArbitraryRelationshipTemplateContent.");
  expect(js::object{{"expiresAt", InSeconds(60)},
                    {"content", js::object{{"@type", "ArbitraryRelationshipTemplateContent"}}}},
         "error.runtime.requestDeserialization", "ArbitraryRelationshipTemplateContent.value :: Value is not defined");
  expect(js::object{{"expiresAt", InSeconds(60)},
                    {"content", js::object{{"@type", "RelationshipTemplateContent"},
                                           {"onNewRelationship",
                                            js::object{{"@type", "Request"},
                                                       {"items", js::array{js::object{{"@type", "ReadAttributeRequestItem"}}}},
                                                       {"expiresAt", InSeconds(120)}}}}}},
         "error.runtime.relationshipTemplates.requestCannotExpireAfterRelationshipTemplate",
         "The expiration date of the Request within the onNewRelationship property of the RelationshipTemplateContent "
         "must be set such that the expiration date of the RelationshipTemplate is not exceeded.");
  EXPECT_EQ(a_->db().Count(RelationshipTemplates::kCollection), before);

  EXPECT_EQ(FailureOf([&] { templates_b_.LoadPeer(js::object{{"reference", "abc"}}); }).message,
            "token / relationship template reference invalid");
  EXPECT_EQ(FailureOf([&] { templates_a_.GetDto("RLTnope"); }).message, "id must match pattern RLT[A-Za-z0-9]{17}");
  EXPECT_EQ(FailureOf([&] { templates_a_.GetDto("RLTAAAAAAAAAAAAAAAAA"); }).message,
            "RelationshipTemplate not found. Make sure the ID exists and the record is not expired.");
}

TEST_F(TemplatesTest, RelationshipTemplateContentGetsTheRequestExpiry) {
  const auto expires = InSeconds(600);
  const js::object request{{"@type", "Request"}, {"items", js::array{js::object{{"@type", "ReadAttributeRequestItem"}}}}};
  const auto own = templates_a_.CreateOwn(js::object{
      {"expiresAt", expires},
      {"content", js::object{{"@type", "RelationshipTemplateContent"}, {"onNewRelationship", request}}}});
  EXPECT_EQ(own.at("content").at("onNewRelationship").at("expiresAt"), expires.c_str());
  const auto peer = templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});
  EXPECT_EQ(peer.at("content"), own.at("content"));
}

TEST_F(TemplatesTest, FiltersOnTheList) {
  TestIdentity d(*backbone_, "tpl-d");
  RelationshipTemplates templates_d(d.ctx());
  const auto early = templates_d.CreateOwn(js::object{{"expiresAt", InSeconds(600)}, {"content", ArbitraryContent("1")}});
  const auto late = templates_d.CreateOwn(js::object{{"expiresAt", InSeconds(7200)},
                                                     {"content", ArbitraryContent("2")},
                                                     {"maxNumberOfAllocations", 5},
                                                     {"passwordProtection", js::object{{"password", "4711"},
                                                                                       {"passwordIsPin", true},
                                                                                       {"passwordLocationIndicator", "Email"}}}});
  const auto foreign = CreateArbitrary("foreign", {{"passwordProtection", js::object{{"password", "pw"}}}});
  templates_d.LoadPeer(js::object{{"reference", foreign.at("reference").at("truncated")}, {"password", "pw"}});

  auto ids = [&](const std::vector<std::pair<std::string, std::string>>& query, std::optional<bool> own = std::nullopt) {
    std::vector<std::string> result;
    for (const auto& t : templates_d.List(query, own)) result.emplace_back(t.at("id").as_string());
    std::sort(result.begin(), result.end());
    return result;
  };
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  const std::string e(early.at("id").as_string()), l(late.at("id").as_string()), f(foreign.at("id").as_string());

  EXPECT_EQ(ids({}), sorted({e, l, f}));
  EXPECT_EQ(ids({{"isOwn", "true"}}), sorted({e, l}));
  EXPECT_EQ(ids({}, true), sorted({e, l}));
  EXPECT_EQ(ids({}, false), std::vector<std::string>{f});
  EXPECT_EQ(ids({{"isOwn", "true"}}, false), std::vector<std::string>{f});  // the route's restriction wins
  EXPECT_EQ(ids({{"expiresAt", ">" + InSeconds(3000)}}, true), std::vector<std::string>{l});
  EXPECT_EQ(ids({{"maxNumberOfAllocations", "5"}}), std::vector<std::string>{l});
  EXPECT_EQ(ids({{"createdBy", a_->address()}}), std::vector<std::string>{f});
  EXPECT_EQ(ids({{"passwordProtection", ""}}), sorted({l, f}));
  EXPECT_EQ(ids({{"passwordProtection", "!"}}), std::vector<std::string>{e});
  EXPECT_EQ(ids({{"passwordProtection.passwordIsPin", "true"}}), std::vector<std::string>{l});
  EXPECT_EQ(ids({{"passwordProtection.passwordIsPin", "!"}}), std::vector<std::string>{f});
  EXPECT_EQ(ids({{"passwordProtection.passwordLocationIndicator", "Email"}}), std::vector<std::string>{l});
  EXPECT_EQ(ids({{"passwordProtection.passwordLocationIndicator", "4"}}), std::vector<std::string>{l});
  EXPECT_EQ(ids({{"passwordProtection.passwordLocationIndicator", "SMS"}}), std::vector<std::string>{});
  EXPECT_EQ(ids({{"passwordProtection.password", "4711"}}), std::vector<std::string>{l});

  EXPECT_EQ(FailureOf([&] { templates_d.List({{"foo", "1"}}); }).message, "query must NOT have additional properties");
  EXPECT_EQ(FailureOf([&] { templates_d.List({{"passwordProtection", "x"}}); }).message,
            "query/passwordProtection must be equal to one of the allowed values");
}

TEST_F(TemplatesTest, DeleteOwnAndPeer) {
  const auto own = CreateArbitrary("delete");
  const std::string id(own.at("id").as_string());
  templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});

  // Peer: local only; the owner still has it and a third party can still load it.
  templates_b_.Delete(id);
  EXPECT_FALSE(templates_b_.Find(id).has_value());
  EXPECT_TRUE(templates_a_.Find(id).has_value());

  // Own: the Backbone forgets it too.
  templates_a_.Delete(id);
  EXPECT_FALSE(templates_a_.Find(id).has_value());
  EXPECT_EQ(FailureOf([&] { templates_c_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}}); }).code,
            "error.runtime.recordNotFound");
  EXPECT_EQ(FailureOf([&] { templates_a_.Delete(id); }).code, "error.runtime.recordNotFound");
  EXPECT_EQ(FailureOf([&] { templates_a_.Delete("nope"); }).message, "templateId must match pattern RLT[A-Za-z0-9]{17}");
}

TEST_F(TemplatesTest, AllocationsExhaustedReachesTheOwnerThroughSync) {
  const auto own = CreateArbitrary("exhausted", {{"maxNumberOfAllocations", 1}});
  templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});
  EXPECT_EQ(FailureOf([&] { templates_c_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}}); }).code,
            "error.platform.validation.relationshipTemplate.maxNumberOfAllocationsExhausted");

  SyncEngine sync(a_->ctx());
  templates_a_.RegisterProcessors(sync);
  sync.SyncEverything();
  const auto events = a_->events().Events();
  const auto it = std::find_if(events.begin(), events.end(), [](const TransportEvent& e) {
    return e.name == "transport.relationshipTemplateAllocationsExhausted";
  });
  ASSERT_NE(it, events.end());
  EXPECT_EQ(it->data, js::value(own));
}

TEST_F(TemplatesTest, TokenForPeerTemplateIsRefused) {
  const auto own = CreateArbitrary("peer-token");
  const std::string id(own.at("id").as_string());
  templates_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});
  EXPECT_EQ(FailureOf([&] { templates_b_.CreateTokenForOwn(id, js::object{}); }).code,
            "error.runtime.relationshipTemplates.cannotCreateTokenForPeerTemplate");
  EXPECT_EQ(FailureOf([&] { templates_a_.CreateTokenForOwn(id, js::object{{"ephemeral", "yes"}}); }).message,
            "ephemeral must be boolean");
  EXPECT_EQ(FailureOf([&] { templates_a_.CreateTokenForOwn("RLTAAAAAAAAAAAAAAAAA", js::object{}); }).code,
            "error.runtime.recordNotFound");
}

}  // namespace
}  // namespace nmshd::transport
