// Tokens end to end: identity A creates, B (and C) load through our in-process Backbone.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "base/coded_error.h"
#include "base/iso_date.h"
#include "transport/modules/tokens/tokens.h"
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

class TokensTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backbone_ = new TestBackbone();
    a_ = new TestIdentity(*backbone_, "tok-a");
    b_ = new TestIdentity(*backbone_, "tok-b");
    c_ = new TestIdentity(*backbone_, "tok-c");
  }
  static void TearDownTestSuite() {
    delete c_;
    delete b_;
    delete a_;
    delete backbone_;
  }

  js::object Create(const js::value& content, bool ephemeral = false, js::object extra = {}) {
    js::object body{{"content", content}, {"expiresAt", InSeconds(3600)}, {"ephemeral", ephemeral}};
    for (const auto& m : extra) body[m.key()] = m.value();
    return tokens_a_.CreateOwn(body);
  }

  static TestBackbone* backbone_;
  static TestIdentity* a_;
  static TestIdentity* b_;
  static TestIdentity* c_;
  Tokens tokens_a_{a_->ctx()};
  Tokens tokens_b_{b_->ctx()};
  Tokens tokens_c_{c_->ctx()};
};

TestBackbone* TokensTest::backbone_ = nullptr;
TestIdentity* TokensTest::a_ = nullptr;
TestIdentity* TokensTest::b_ = nullptr;
TestIdentity* TokensTest::c_ = nullptr;

TEST_F(TokensTest, OwnTokenLoadedByPeer) {
  const js::object content{{"z", 1}, {"a", js::array{1, "two"}}, {"nested", js::object{{"y", true}, {"b", nullptr}}}};
  const auto expires = InSeconds(3600);
  const auto own = tokens_a_.CreateOwn(js::object{{"content", content}, {"expiresAt", expires}, {"ephemeral", false}});

  EXPECT_TRUE(own.at("id").as_string().starts_with("TOK"));
  EXPECT_EQ(own.at("isOwn"), true);
  EXPECT_EQ(own.at("createdBy"), a_->address().c_str());
  EXPECT_EQ(own.at("createdByDevice"), a_->account().device().id.c_str());
  EXPECT_EQ(own.at("content"), js::value(content));
  EXPECT_EQ(own.at("expiresAt"), expires.c_str());
  EXPECT_EQ(own.at("isEphemeral"), false);
  std::vector<std::string> keys;
  for (const auto& m : own) keys.emplace_back(m.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "isOwn", "createdBy", "createdByDevice", "content", "createdAt",
                                            "expiresAt", "reference", "isEphemeral"}));
  EXPECT_EQ(tokens_a_.GetDto(std::string(own.at("id").as_string())), own);

  const auto peer = tokens_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}, {"ephemeral", false}});
  EXPECT_EQ(peer.at("id"), own.at("id"));
  EXPECT_EQ(peer.at("isOwn"), false);
  EXPECT_EQ(peer.at("createdBy"), own.at("createdBy"));
  EXPECT_EQ(peer.at("createdByDevice"), own.at("createdByDevice"));
  EXPECT_EQ(peer.at("content"), own.at("content"));
  EXPECT_EQ(peer.at("createdAt"), own.at("createdAt"));
  EXPECT_EQ(peer.at("expiresAt"), own.at("expiresAt"));
  EXPECT_EQ(peer.at("reference"), own.at("reference"));
  EXPECT_EQ(peer.at("isEphemeral"), false);
  EXPECT_EQ(tokens_b_.GetDto(std::string(own.at("id").as_string())), peer);
}

TEST_F(TokensTest, ExpiryIsNormalisedToUtc) {
  for (const auto& [given, expected] : std::vector<std::pair<std::string, std::string>>{
           {"2099-01-01T10:00:00+01:00", "2099-01-01T09:00:00.000Z"},
           {"2099-01-01T10:00:00", "2099-01-01T10:00:00.000Z"},
           {"2099-01-01", "2099-01-01T00:00:00.000Z"},
           {"2099-01-01T10:00Z", "2099-01-01T10:00:00.000Z"}}) {
    const auto own =
        tokens_a_.CreateOwn(js::object{{"content", js::object{{"d", 1}}}, {"expiresAt", given}, {"ephemeral", true}});
    EXPECT_EQ(own.at("expiresAt"), expected.c_str()) << given;
  }
  // The runtime's ISO pattern rejects a time with mixed separators.
  EXPECT_EQ(FailureOf([&] {
              tokens_a_.CreateOwn(
                  js::object{{"content", js::object{}}, {"expiresAt", "2099-01-01T10:0000"}, {"ephemeral", true}});
            }).message,
            "expiresAt must match ISO8601 datetime format");
}

TEST_F(TokensTest, EphemeralTokensAreNotStored) {
  const auto own = Create(js::object{{"k", "v"}}, true);
  EXPECT_EQ(own.at("isEphemeral"), true);
  EXPECT_EQ(FailureOf([&] { tokens_a_.GetDto(std::string(own.at("id").as_string())); }).message,
            "Token not found. Make sure the ID exists and the record is not expired.");

  const auto peer = tokens_b_.LoadPeer(js::object{{"reference", own.at("reference").at("url")}, {"ephemeral", true}});
  EXPECT_EQ(peer.at("content"), own.at("content"));
  EXPECT_EQ(peer.at("isEphemeral"), true);
  EXPECT_FALSE(tokens_b_.Find(std::string(own.at("id").as_string())).has_value());
}

TEST_F(TokensTest, PasswordProtection) {
  const auto own = Create(js::object{{"secret", 1}}, false, {{"passwordProtection", js::object{{"password", "pw!"}}}});
  EXPECT_EQ(own.at("passwordProtection"), (js::object{{"password", "pw!"}}));
  const auto reference = own.at("reference").at("truncated");
  EXPECT_EQ(FailureOf([&] { tokens_b_.LoadPeer(js::object{{"reference", reference}, {"ephemeral", false}}); }).code,
            "error.transport.noPasswordProvided");
  EXPECT_EQ(FailureOf([&] {
              tokens_b_.LoadPeer(js::object{{"reference", reference}, {"ephemeral", false}, {"password", "nope"}});
            }).code,
            "error.runtime.recordNotFound");
  const auto peer = tokens_b_.LoadPeer(js::object{{"reference", reference}, {"ephemeral", false}, {"password", "pw!"}});
  EXPECT_EQ(peer.at("content"), own.at("content"));
  EXPECT_EQ(peer.at("passwordProtection"), (js::object{{"password", "pw!"}}));

  const js::object pin{{"password", "00042"}, {"passwordIsPin", true}, {"passwordLocationIndicator", 77}};
  const auto pinned = Create(js::object{{"p", 1}}, false, {{"passwordProtection", pin}});
  EXPECT_EQ(pinned.at("passwordProtection"), js::value(pin));
  const auto loaded = tokens_b_.LoadPeer(
      js::object{{"reference", pinned.at("reference").at("url")}, {"ephemeral", false}, {"password", "00042"}});
  EXPECT_EQ(loaded.at("passwordProtection"), js::value(pin));
}

TEST_F(TokensTest, PersonalizedToken) {
  const auto own = Create(js::object{{"for", "c"}}, false, {{"forIdentity", c_->address()}});
  EXPECT_EQ(own.at("forIdentity"), c_->address().c_str());
  EXPECT_EQ(FailureOf([&] {
              tokens_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}, {"ephemeral", false}});
            }).code,
            "error.transport.general.notIntendedForYou");
  const auto peer =
      tokens_c_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}, {"ephemeral", false}});
  EXPECT_EQ(peer.at("forIdentity"), c_->address().c_str());
}

TEST_F(TokensTest, Validation) {
  const auto before = a_->db().Count(Tokens::kCollection);
  auto message = [&](const js::value& body) { return FailureOf([&] { tokens_a_.CreateOwn(body); }); };
  EXPECT_EQ(message(js::object{{"content", 1}, {"expiresAt", InSeconds(60)}}).message,
            "must have required property 'ephemeral'");
  EXPECT_EQ(message(js::object{{"content", js::object{}}, {"expiresAt", "2001-01-01"}, {"ephemeral", false}}).message,
            "'expiresAt' must be in the future");
  EXPECT_EQ(message(js::object{{"content", "text"}, {"expiresAt", InSeconds(60)}, {"ephemeral", false}}).code,
            "error.runtime.invalidTokenContent");
  EXPECT_EQ(message(js::object{{"content", js::object{{"@type", "TokenContentRelationshipTemplate"}}},
                               {"expiresAt", InSeconds(60)},
                               {"ephemeral", false}})
                .code,
            "error.runtime.invalidTokenContent");
  EXPECT_EQ(message(js::object{{"content", js::object{}},
                               {"expiresAt", InSeconds(60)},
                               {"ephemeral", false},
                               {"passwordProtection", js::object{{"password", ""}}}})
                .message,
            "passwordProtection/password must NOT have fewer than 1 characters");
  EXPECT_EQ(a_->db().Count(Tokens::kCollection), before);

  EXPECT_EQ(FailureOf([&] { tokens_b_.LoadPeer(js::object{{"reference", "abc"}, {"ephemeral", false}}); }).message,
            "token reference invalid");
  EXPECT_EQ(FailureOf([&] { tokens_b_.GetDto("x"); }).message, "id must match pattern TOK[A-Za-z0-9]{17}");
}

TEST_F(TokensTest, ListFilters) {
  TestIdentity d(*backbone_, "tok-d");
  Tokens tokens_d(d.ctx());
  const auto soon = tokens_d.CreateOwn(
      js::object{{"content", js::object{{"n", 1}}}, {"expiresAt", InSeconds(600)}, {"ephemeral", false}});
  const auto later = tokens_d.CreateOwn(js::object{{"content", js::object{{"n", 2}}},
                                                   {"expiresAt", InSeconds(7200)},
                                                   {"ephemeral", false},
                                                   {"forIdentity", c_->address()},
                                                   {"passwordProtection", js::object{{"password", "x"}}}});
  const auto foreign = Create(js::object{{"n", 3}});
  tokens_d.LoadPeer(js::object{{"reference", foreign.at("reference").at("truncated")}, {"ephemeral", false}});

  auto ids = [&](const std::vector<std::pair<std::string, std::string>>& query, std::optional<bool> own) {
    std::vector<std::string> result;
    for (const auto& t : tokens_d.List(query, own)) result.emplace_back(t.at("id").as_string());
    std::sort(result.begin(), result.end());
    return result;
  };
  const std::string s(soon.at("id").as_string()), l(later.at("id").as_string()), f(foreign.at("id").as_string());
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(ids({}, true), sorted({s, l}));
  EXPECT_EQ(ids({}, false), std::vector<std::string>{f});
  EXPECT_EQ(ids({{"expiresAt", "<" + InSeconds(3000)}}, true), std::vector<std::string>{s});
  EXPECT_EQ(ids({{"forIdentity", c_->address()}}, true), std::vector<std::string>{l});
  EXPECT_EQ(ids({{"forIdentity", "!"}}, true), std::vector<std::string>{s});
  EXPECT_EQ(ids({{"passwordProtection", "!"}}, true), std::vector<std::string>{s});
  EXPECT_EQ(ids({{"passwordProtection.password", "x"}}, true), std::vector<std::string>{l});
  EXPECT_EQ(ids({{"createdBy", a_->address()}}, false), std::vector<std::string>{f});
  EXPECT_EQ(ids({{"createdAt", ">" + std::string(soon.at("createdAt").as_string())}}, true),
            std::vector<std::string>{l});
  EXPECT_EQ(FailureOf([&] { tokens_d.List({{"maxNumberOfAllocations", "1"}}, true); }).message,
            "query must NOT have additional properties");
}

TEST_F(TokensTest, DeleteOwnAndPeer) {
  const auto own = Create(js::object{{"d", 1}});
  const std::string id(own.at("id").as_string());
  tokens_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}, {"ephemeral", false}});

  tokens_b_.Delete(id);
  EXPECT_FALSE(tokens_b_.Find(id).has_value());
  EXPECT_TRUE(tokens_a_.Find(id).has_value());

  tokens_a_.Delete(id);
  EXPECT_FALSE(tokens_a_.Find(id).has_value());
  EXPECT_EQ(FailureOf([&] {
              tokens_c_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}, {"ephemeral", true}});
            }).code,
            "error.runtime.recordNotFound");
  EXPECT_EQ(FailureOf([&] { tokens_a_.Delete(id); }).code, "error.runtime.recordNotFound");
}

TEST_F(TokensTest, CleanupOfAPeersTokens) {
  const auto own = Create(js::object{{"cleanup", 1}});
  tokens_b_.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}, {"ephemeral", false}});
  b_->db().WithTransaction([&](storage::Transaction& tx) { Tokens::DeleteTokensCreatedBy(tx, a_->address()); });
  EXPECT_EQ(tokens_b_.List({{"createdBy", a_->address()}}, false).size(), 0u);
}

}  // namespace
}  // namespace nmshd::transport
