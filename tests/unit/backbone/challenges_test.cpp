// Challenges: creation with and without a token, the official expiry rule (10 min + 1 h grace).
#include <gtest/gtest.h>

#include "core/backbone_ids.h"
#include "unit/backbone/backbone_harness.h"

namespace nmshd::backbone::testing {
namespace {

namespace json = boost::json;

TEST(Challenges, AnonymousChallengeHasNoCreator) {
  BackboneHarness bb;
  auto r = bb.Call("POST", "/api/v2/Challenges", json::object{});
  ASSERT_EQ(r.status, 201);
  const auto& c = r.result().as_object();
  EXPECT_TRUE(core::IsBackboneId(c.at("id").as_string(), "CHL"));
  EXPECT_EQ(c.at("expiresAt"), FormatIsoUtc(bb.now() + std::chrono::minutes(10)));
  EXPECT_TRUE(c.at("createdBy").is_null());
  EXPECT_TRUE(c.at("createdByDevice").is_null());
  std::vector<std::string> keys;
  for (const auto& kv : c) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "expiresAt", "createdBy", "createdByDevice"}));
}

TEST(Challenges, AuthenticatedChallengeNamesItsCreator) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity(false);
  auto c = bb.CreateChallenge(alice.token);
  EXPECT_EQ(c.at("createdBy"), alice.address);
  EXPECT_EQ(c.at("createdByDevice"), alice.device_id);
  // An invalid token on this [AllowAnonymous] route means anonymous, not 401.
  auto anon = bb.Call("POST", "/api/v2/Challenges", json::object{}, "bogus");
  EXPECT_EQ(anon.status, 201);
  EXPECT_TRUE(anon.result().at("createdBy").is_null());
}

TEST(Challenges, GetNeedsATokenAndFindsUntilOneHourAfterExpiry) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity(false);
  auto c = bb.CreateChallenge();
  const std::string path = "/api/v2/Challenges/" + std::string(c.at("id").as_string());
  EXPECT_EQ(bb.Call("GET", path).status, 401);
  auto r = bb.Call("GET", path, std::nullopt, alice.token);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.result().as_object(), c);

  bb.Advance(std::chrono::minutes(69));
  alice.token = bb.LoginToken(alice.username, alice.password);
  EXPECT_EQ(bb.Call("GET", path, std::nullopt, alice.token).status, 200);
  bb.Advance(std::chrono::minutes(1));  // expiresAt + 1 h: expired
  alice.token = bb.LoginToken(alice.username, alice.password);
  auto gone = bb.Call("GET", path, std::nullopt, alice.token);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.ErrorCode(), "error.platform.recordNotFound");
}

TEST(Challenges, MalformedIdIs400) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity(false);
  auto r = bb.Call("GET", "/api/v2/Challenges/XYZ", std::nullopt, alice.token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "error.platform.validation.invalidId");
}

}  // namespace
}  // namespace nmshd::backbone::testing
