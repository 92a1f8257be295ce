// POST /connect/token: the password grant, client checks, lockout (backbone-protocol §0.6).
#include <gtest/gtest.h>

#include "auth/access_tokens.h"
#include "auth/password_hasher.h"
#include "unit/backbone/backbone_harness.h"

namespace nmshd::backbone::testing {
namespace {

namespace json = boost::json;

std::string OAuthError(const ApiResponse& r) {
  return r.json.is_object() && r.json.as_object().contains("error") ? std::string(r.json.at("error").as_string()) : "";
}

TEST(Auth, PasswordGrantIssuesAnOpaqueBearerToken) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity(false);
  auto r = bb.Login(alice.username, alice.password);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& o = r.json.as_object();
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"access_token", "token_type", "expires_in"}));
  EXPECT_EQ(o.at("token_type"), "Bearer");
  EXPECT_EQ(o.at("expires_in"), 300);
  EXPECT_EQ(o.at("access_token").as_string().size(), 43u);
  EXPECT_EQ(r.headers.at("Cache-Control"), "no-store");
  // The token identifies the device.
  auto self = bb.Call("GET", "/api/v2/Devices/Self", std::nullopt, std::string(o.at("access_token").as_string()));
  ASSERT_EQ(self.status, 200) << self.body;
  EXPECT_EQ(self.result().at("id"), alice.device_id);
  EXPECT_EQ(self.result().at("username"), alice.username);
  EXPECT_TRUE(self.result().at("lastLogin").at("time").is_string());  // the login onboarded the device
}

TEST(Auth, WrongClientSecretIsInvalidClient) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity(false);
  auto r = bb.Login(alice.username, alice.password, "wrong-secret");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(OAuthError(r), "invalid_client");
}

TEST(Auth, WrongPasswordAndUnknownUserAreInvalidGrant) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity(false);
  auto wrong = bb.Login(alice.username, "wrong");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(OAuthError(wrong), "invalid_grant");
  EXPECT_EQ(wrong.json.at("error_description"), "The username/password couple is invalid.");
  auto unknown = bb.Login("USR00000000000000000", "x");
  EXPECT_EQ(OAuthError(unknown), "invalid_grant");
}

TEST(Auth, MalformedRequestsAreOAuthErrors) {
  BackboneHarness bb;
  auto json_body = bb.Call("POST", "/connect/token", json::object{{"grant_type", "password"}});
  EXPECT_EQ(OAuthError(json_body), "invalid_request");
  auto grant = bb.CallRaw("POST", "/connect/token", "grant_type=client_credentials&client_id=test-client",
                          "application/x-www-form-urlencoded");
  EXPECT_EQ(OAuthError(grant), "unsupported_grant_type");
  auto missing = bb.CallRaw("POST", "/connect/token", "grant_type=password&client_id=test-client&client_secret=test-secret",
                            "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(OAuthError(missing), "invalid_request");
}

TEST(Auth, ThreeFailedLoginsLockTheUserForTenMinutes) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity(false);
  EXPECT_EQ(OAuthError(bb.Login(alice.username, "wrong-1")), "invalid_grant");
  EXPECT_EQ(OAuthError(bb.Login(alice.username, "wrong-2")), "invalid_grant");
  EXPECT_EQ(OAuthError(bb.Login(alice.username, "wrong-3")), "access_denied");  // the third failure locks
  auto locked = bb.Login(alice.username, alice.password);
  EXPECT_EQ(locked.status, 400);
  EXPECT_EQ(OAuthError(locked), "access_denied");  // even the right password
  bb.Advance(std::chrono::minutes(9));
  EXPECT_EQ(OAuthError(bb.Login(alice.username, alice.password)), "access_denied");
  bb.Advance(std::chrono::minutes(1) + std::chrono::seconds(1));
  EXPECT_EQ(bb.Login(alice.username, alice.password).status, 200);
  // A success resets the count: two failures do not lock again.
  EXPECT_EQ(OAuthError(bb.Login(alice.username, "wrong")), "invalid_grant");
  EXPECT_EQ(OAuthError(bb.Login(alice.username, "wrong")), "invalid_grant");
  EXPECT_EQ(bb.Login(alice.username, alice.password).status, 200);
}

TEST(Auth, LockoutIsConfigurable) {
  BackboneHarness bb([](json::object& c) {
    c["authentication"].as_object()["maxFailedAccessAttempts"] = 1;
    c["authentication"].as_object()["lockoutMinutes"] = 1;
  });
  auto alice = bb.CreateIdentity(false);
  EXPECT_EQ(OAuthError(bb.Login(alice.username, "wrong")), "access_denied");
  bb.Advance(std::chrono::seconds(61));
  EXPECT_EQ(bb.Login(alice.username, alice.password).status, 200);
}

TEST(Auth, ExpiresInFollowsTheConfiguredLifetime) {
  BackboneHarness bb([](json::object& c) { c["authentication"].as_object()["jwtLifetimeInSeconds"] = 60; });
  auto alice = bb.CreateIdentity(false);
  auto r = bb.Login(alice.username, alice.password);
  EXPECT_EQ(r.json.at("expires_in"), 60);
}

TEST(Auth, PasswordHashesAreArgon2idAndSalted) {
  auto a = auth::HashPassword("correct horse");
  auto b = auth::HashPassword("correct horse");
  EXPECT_EQ(a.rfind("$argon2id$", 0), 0u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(auth::VerifyPassword(a, "correct horse"));
  EXPECT_FALSE(auth::VerifyPassword(a, "correct horse!"));
  EXPECT_FALSE(auth::VerifyPassword("garbage", "x"));
  EXPECT_FALSE(auth::VerifyPassword("", "x"));
}

TEST(Auth, AccessTokensExpireAndCanBeRevokedPerDevice) {
  auth::AccessTokens tokens;
  const auto t0 = NowMs();
  auto a = tokens.Issue(Caller{"did:e:x", "DVC1", "USR1", "c"}, t0, std::chrono::seconds(10));
  auto b = tokens.Issue(Caller{"did:e:x", "DVC2", "USR2", "c"}, t0, std::chrono::seconds(10));
  EXPECT_NE(a, b);
  EXPECT_EQ(tokens.Resolve(a, t0 + std::chrono::seconds(9))->device_id, "DVC1");
  EXPECT_FALSE(tokens.Resolve(a, t0 + std::chrono::seconds(10)).has_value());
  tokens.RevokeDevice("DVC2");
  EXPECT_FALSE(tokens.Resolve(b, t0).has_value());
  EXPECT_FALSE(tokens.Resolve("nope", t0).has_value());
}

TEST(Auth, LoginIsRefusedAfterTheDeletionGracePeriod) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto r = bb.Call("POST", "/api/v2/Identities/Self/DeletionProcesses", json::object{{"lengthOfGracePeriodInDays", 1}},
                   alice.token);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(bb.Login(alice.username, alice.password).status, 200);  // still inside the grace period
  bb.Advance(std::chrono::hours(25));
  EXPECT_EQ(OAuthError(bb.Login(alice.username, alice.password)), "invalid_grant");
  auto deleted = bb.Call("GET", "/api/v2/Identities/IsDeleted?username=" + alice.username);
  EXPECT_EQ(deleted.result().at("isDeleted"), true);
  EXPECT_TRUE(deleted.result().at("deletionDate").is_string());
}

}  // namespace
}  // namespace nmshd::backbone::testing
