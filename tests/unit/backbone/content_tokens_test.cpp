// Tokens through the real routes: authenticated and anonymous creation, the access order of
// Token.TryToAccess (owner, allocation, expiry, lock, forIdentity, password), the lock after 100
// wrong passwords with its TokenLocked event, lists, deletion, UpdateContent.
#include "content_test_support.h"

namespace nmshd::backbone::content::testing {
namespace {

class TokensTest : public ContentTest {
 protected:
  std::string CreateToken(const Identity* who, json::object extra = {}) {
    json::object body{{"expiresAt", Future()}};
    if (who != nullptr) body["content"] = B64("token-content");
    for (auto& kv : extra) body[kv.key()] = kv.value();
    auto a = Call(who, "POST", "/api/v2/Tokens", nmshd::json::Stringify(body));
    EXPECT_EQ(a.status, 201) << Show(a);
    return a.status == 201 ? std::string(a.result().at("id").as_string()) : "";
  }

  std::int64_t FailedCount(const std::string& id) {
    return db_->Get(kTokens, id)->at("accessFailedCount").as_int64();
  }

  Identity owner_ = NewIdentity();
  Identity peer_ = NewIdentity();
  Identity other_ = NewIdentity();
};

TEST_F(TokensTest, AuthenticatedCreateAndGetAnswerTheOfficialDtos) {
  auto a = Call(owner_, "POST", "/api/v2/Tokens",
                json::object{{"content", "AQID"}, {"expiresAt", "2099-01-01T00:00:00.000Z"}});
  ASSERT_EQ(a.status, 201) << Show(a);
  auto id = S(a.result().at("id"));
  EXPECT_TRUE(core::IsBackboneId(id, "TOK"));
  EXPECT_EQ(nmshd::json::Stringify(a.result()),
            R"({"id":")" + id + R"(","createdAt":")" + FormatIsoUtc(now_) + "\"}");
  auto got = Get(peer_, "/api/v2/Tokens/" + id);
  ASSERT_EQ(got.status, 200) << Show(got);
  EXPECT_EQ(
      nmshd::json::Stringify(got.result()),
      R"({"id":")" + id + R"(","createdBy":")" + owner_.address() + R"(","createdByDevice":")" +
          owner_.caller.device_id + R"(","forIdentity":null,"createdAt":")" + FormatIsoUtc(now_) +
          R"(","expiresAt":"2099-01-01T00:00:00.000Z","content":"AQID","isPasswordProtected":false})");
  EXPECT_EQ(CountOf(kTokenAllocations), 1u) << "an authenticated non-owner allocates";
}

TEST_F(TokensTest, CreateValidation) {
  auto reject = [&](const Identity* who, const json::object& body, const std::string& code,
                    const std::string& part = "") {
    auto a = Call(who, "POST", "/api/v2/Tokens", nmshd::json::Stringify(body));
    EXPECT_EQ(a.status, 400) << Show(a);
    EXPECT_EQ(a.code(), code) << Show(a);
    if (!part.empty()) {
      EXPECT_NE(a.message().find(part), std::string::npos) << a.message();
    }
  };
  reject(&owner_, {{"content", "AQID"}}, "error.platform.inputCannotBeParsed", "expiresAt");
  reject(&owner_, {{"content", "AQID"}, {"expiresAt", FormatIsoUtc(now_)}},
         "error.platform.validation.invalidPropertyValue", "'expiresAt' must be in the future.");
  reject(&owner_, {{"content", "AQID"}, {"expiresAt", Future()}, {"forIdentity", "nobody"}},
         "error.platform.validation.invalidPropertyValue", "forIdentity");
  reject(&owner_, {{"content", "AQID"}, {"expiresAt", Future()}, {"password", Bytes(201)}},
         "error.platform.validation.invalidPropertyValue", "'password'");
  config_.limits.maxContentBytes = 10;
  reject(&owner_, {{"content", Bytes(11)}, {"expiresAt", Future()}},
         "error.platform.validation.invalidPropertyValue",
         "'content' must be between 0 and 10 bytes long. You entered 11 bytes.");
  // Anonymous: no content, and gone within 5 minutes.
  reject(nullptr, {{"content", "AQID"}, {"expiresAt", Future(std::chrono::minutes(1))}},
         "error.platform.validation.invalidPropertyValue", "'content' must be empty.");
  reject(nullptr, {{"expiresAt", Future(std::chrono::minutes(5))}},
         "error.platform.validation.invalidPropertyValue", "'expiresAt' must be less than");
  EXPECT_EQ(CountOf(kTokens), 0u);
}

TEST_F(TokensTest, AnonymousTokensForDeviceOnboarding) {
  auto id = CreateToken(nullptr, json::object{{"expiresAt", Future(std::chrono::minutes(4))}});
  auto anon = Call(nullptr, "GET", "/api/v2/Tokens/" + id);
  ASSERT_EQ(anon.status, 200) << Show(anon);
  EXPECT_TRUE(anon.result().at("createdBy").is_null());
  EXPECT_TRUE(anon.result().at("content").is_null());

  // The owner's other device fills it in, then peers read it anonymously.
  auto update = Call(owner_, "POST", "/api/v2/Tokens/" + id + "/UpdateContent",
                     json::object{{"id", id}, {"newContent", "AQID"}});
  ASSERT_EQ(update.status, 200) << Show(update);
  EXPECT_EQ(nmshd::json::Stringify(update.result()),
            R"({"id":")" + id + R"(","createdBy":")" + owner_.address() +
                R"(","createdByDevice":")" + owner_.caller.device_id +
                R"(","forIdentity":null,"createdAt":")" + FormatIsoUtc(now_) +
                R"(","expiresAt":")" + Future(std::chrono::minutes(4)) +
                R"(","isPasswordProtected":false})");
  auto again = Call(other_, "POST", "/api/v2/Tokens/" + id + "/UpdateContent",
                    json::object{{"newContent", "AQID"}});
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.code(),
            "error.platform.token.contentUpdateNotPossibleBecauseContentAlreadyExists");
  auto read = Call(nullptr, "GET", "/api/v2/Tokens/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(S(read.result().at("content")), "AQID");
  EXPECT_EQ(CountOf(kTokenAllocations), 0u) << "anonymous reads never allocate";

  auto empty_content = Call(owner_, "POST", "/api/v2/Tokens/" + id + "/UpdateContent",
                            json::object{{"newContent", ""}});
  EXPECT_EQ(empty_content.code(), "error.platform.validation.invalidPropertyValue");
  auto missing = Call(owner_, "POST", "/api/v2/Tokens/" + id + "/UpdateContent", json::object{});
  EXPECT_EQ(missing.code(), "error.platform.inputCannotBeParsed");
}

TEST_F(TokensTest, AccessOrderOwnerAllocationExpiryForIdentity) {
  auto personal =
      CreateToken(&owner_, json::object{{"forIdentity", peer_.address()},
                                        {"expiresAt", Future(std::chrono::minutes(10))}});
  EXPECT_EQ(Get(other_, "/api/v2/Tokens/" + personal).status, 404);
  EXPECT_EQ(Call(nullptr, "GET", "/api/v2/Tokens/" + personal).status, 404);
  ASSERT_EQ(Get(peer_, "/api/v2/Tokens/" + personal).status, 200);
  Advance(std::chrono::minutes(11));
  EXPECT_EQ(Get(owner_, "/api/v2/Tokens/" + personal).status, 200) << "owner first";
  EXPECT_EQ(Get(peer_, "/api/v2/Tokens/" + personal).status, 200) << "then allocations";
  auto expired = Get(other_, "/api/v2/Tokens/" + personal);
  EXPECT_EQ(expired.status, 404);
  EXPECT_EQ(expired.code(), "error.platform.recordNotFound");
  EXPECT_NE(expired.message().find("Token not found."), std::string::npos);
  EXPECT_EQ(Get(other_, "/api/v2/Tokens/" + core::GenerateBackboneId("TOK")).status, 404);
  EXPECT_EQ(Get(other_, "/api/v2/Tokens/nonsense").code(),
            "error.platform.validation.invalidPropertyValue");
}

TEST_F(TokensTest, AHundredWrongPasswordsLockTheTokenOnceAndEveryFailureIsCounted) {
  auto id = CreateToken(&owner_, json::object{{"password", B64("right")}});
  auto url = "/api/v2/Tokens/" + id;
  auto wrong = url + "?password=" +
               base64::EncodeStandard(std::span(reinterpret_cast<const std::uint8_t*>("wrong"), 5));
  for (int i = 1; i < 100; ++i) {
    auto a = Get(peer_, wrong);
    ASSERT_EQ(a.status, 404) << i << " " << Show(a);
    ASSERT_EQ(a.code(), "error.platform.recordNotFound");
    ASSERT_EQ(FailedCount(id), i) << "the failure is kept although the request failed";
  }
  EXPECT_TRUE(EventsOf(owner_.address()).empty());
  auto last = Get(other_, wrong);
  EXPECT_EQ(last.status, 400);
  EXPECT_EQ(last.code(), "error.platform.token.tooManyFailedPasswordAttempts");
  EXPECT_EQ(FailedCount(id), 100);
  auto events = EventsOf(owner_.address());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(S(events[0].at("type")), "TokenLocked");
  EXPECT_EQ(nmshd::json::Stringify(events[0].at("payload")), R"({"tokenId":")" + id + "\"}");

  auto right = url + "?password=" +
               base64::EncodeStandard(std::span(reinterpret_cast<const std::uint8_t*>("right"), 5));
  auto locked = Get(peer_, right);
  EXPECT_EQ(locked.status, 400);
  EXPECT_EQ(locked.code(), "error.platform.token.tooManyFailedPasswordAttempts");
  EXPECT_EQ(FailedCount(id), 100) << "a locked token counts no more";
  EXPECT_EQ(Get(owner_, url).status, 200) << "the owner still reads it";
  EXPECT_EQ(EventsOf(owner_.address()).size(), 1u);
  EXPECT_EQ(CountOf(kTokenAllocations), 0u);
}

TEST_F(TokensTest, CorrectPasswordAllocatesAndIsNotNeededAgain) {
  auto id = CreateToken(&owner_, json::object{{"password", "cGFzcw=="}});
  auto no_password = Get(peer_, "/api/v2/Tokens/" + id);
  EXPECT_EQ(no_password.status, 404);
  EXPECT_EQ(FailedCount(id), 1);
  auto ok = Get(peer_, "/api/v2/Tokens/" + id + "?password=cGFzcw%3D%3D");
  ASSERT_EQ(ok.status, 200) << Show(ok);
  EXPECT_TRUE(ok.result().at("isPasswordProtected").as_bool());
  EXPECT_EQ(Get(peer_, "/api/v2/Tokens/" + id).status, 200);
}

TEST_F(TokensTest, ListShowsOwnAndAllocatedTokensOnly) {
  auto own = CreateToken(&owner_);
  Advance(std::chrono::seconds(1));
  auto allocated = CreateToken(&peer_);
  ASSERT_EQ(Get(owner_, "/api/v2/Tokens/" + allocated).status, 200);
  auto foreign = CreateToken(&other_);
  auto list = Get(owner_, "/api/v2/Tokens?ids=" + foreign + "&ids=" + allocated + "&ids=" + own);
  ASSERT_EQ(list.status, 200) << Show(list);
  ASSERT_EQ(list.result().as_array().size(), 2u);
  EXPECT_EQ(S(list.result().at(0).at("id")), own);
  EXPECT_EQ(S(list.result().at(1).at("id")), allocated);
  auto by_items = Get(owner_, "/api/v2/Tokens?tokens.0.id=" + own);
  EXPECT_EQ(by_items.result().as_array().size(), 1u);
  auto none = Get(owner_, "/api/v2/Tokens");
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(none.code(), "error.platform.validation.invalidPropertyValue");
  EXPECT_EQ(Get(owner_, "/api/v2/Tokens?ids=MSG00000000000000000").code(),
            "error.platform.validation.invalidPropertyValue");
}

TEST_F(TokensTest, OnlyTheOwnerDeletes) {
  auto id = CreateToken(&owner_);
  ASSERT_EQ(Get(peer_, "/api/v2/Tokens/" + id).status, 200);
  auto forbidden = Call(&peer_, "DELETE", "/api/v2/Tokens/" + id);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(forbidden.code(), "error.platform.forbidden");
  EXPECT_EQ(Call(&owner_, "DELETE", "/api/v2/Tokens/" + id).status, 204);
  EXPECT_EQ(CountOf(kTokens), 0u);
  EXPECT_EQ(CountOf(kTokenAllocations), 0u);
  EXPECT_EQ(Call(&owner_, "DELETE", "/api/v2/Tokens/" + id).status, 404);
  EXPECT_EQ(Call(nullptr, "DELETE", "/api/v2/Tokens/" + id).status, 401);
}

TEST_F(TokensTest, UpdateContentHonoursPasswordAndLock) {
  auto id = CreateToken(nullptr, json::object{{"expiresAt", Future(std::chrono::minutes(2))},
                                              {"password", B64("pin1")}});
  auto wrong = Call(owner_, "POST", "/api/v2/Tokens/" + id + "/UpdateContent",
                    json::object{{"newContent", "AQID"}, {"password", B64("pin2")}});
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(FailedCount(id), 1);
  auto right = Call(owner_, "POST", "/api/v2/Tokens/" + id + "/UpdateContent",
                    json::object{{"newContent", "AQID"}, {"password", B64("pin1")}});
  ASSERT_EQ(right.status, 200) << Show(right);
  EXPECT_TRUE(right.result().at("isPasswordProtected").as_bool());
  Advance(std::chrono::minutes(3));
  auto expired = Call(peer_, "POST", "/api/v2/Tokens/" + id + "/UpdateContent",
                      json::object{{"newContent", "AQID"}, {"password", B64("pin1")}});
  EXPECT_EQ(expired.status, 404);
}

}  // namespace
}  // namespace nmshd::backbone::content::testing
