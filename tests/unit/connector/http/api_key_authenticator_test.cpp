#include "connector/http/api_key_authenticator.h"

#include <gtest/gtest.h>

#include "connector/http/authentication.h"
#include "test_support.h"

namespace nmshd::connector {
namespace {

using testing::kKey;
using testing::kOtherKey;
using testing::MessageOf;

const TimePoint kNow = ParseIso("2026-01-01T00:00:00.000Z");

boost::json::object Section(const std::string& keys_json) {
  return boost::json::parse(R"({"headerName":"X-API-KEY","keys":)" + keys_json + "}").as_object();
}

TEST(ApiKeyAuthenticator, NotEnabledWithoutKeysOrWithEnabledFalse) {
  EXPECT_FALSE(ApiKeyAuthenticator::FromConfig(Section("{}"), kNow));
  auto disabled = Section(R"({"a":{"key":")" + kKey + R"("}})");
  disabled["enabled"] = false;
  EXPECT_FALSE(ApiKeyAuthenticator::FromConfig(disabled, kNow));
}

TEST(ApiKeyAuthenticator, StartupValidationUsesTheOfficialMessages) {
  EXPECT_EQ(MessageOf([] {
              ApiKeyAuthenticator::FromConfig(Section(R"({"a":{"key":")" + kKey + R"("},"b":{"key":")" + kKey +
                                                      R"(","enabled":false}})"),
                                              kNow);
            }),
            "Duplicate API keys found in configuration. Each API key must be unique.");
  EXPECT_EQ(MessageOf([] {
              ApiKeyAuthenticator::FromConfig(
                  Section(R"({"a":{"key":")" + kKey + R"(","enabled":false},"b":{"key":")" + kOtherKey +
                          R"(","expiresAt":"2025-12-31T23:59:59.000Z"}})"),
                  kNow);
            }),
            "No valid API keys found in configuration. At least one is required.");
  auto enabled_without_keys = Section("{}");
  enabled_without_keys["enabled"] = true;
  EXPECT_EQ(MessageOf([&] { ApiKeyAuthenticator::FromConfig(enabled_without_keys, kNow); }),
            "No valid API keys found in configuration. At least one is required.");
  EXPECT_EQ(MessageOf([] {
              ApiKeyAuthenticator::FromConfig(
                  Section(R"({"good":{"key":")" + kKey + R"("},"weak":{"key":"short"},"weak2":{"key":"all-lower-case-but-long-enough-123"}})"),
                  kNow);
            }),
            "The API keys with the following key(s) does not meet the requirements: weak, weak2. They must be "
            "at least 30 characters long and contain at least 2 digits, 2 uppercase letters, 2 lowercase "
            "letters and 1 special character (!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~).");
  // A weak key that is disabled or already expired is not checked.
  EXPECT_EQ(MessageOf([] {
              ApiKeyAuthenticator::FromConfig(Section(R"({"good":{"key":")" + kKey +
                                                      R"("},"old":{"key":"weak","enabled":false}})"),
                                              kNow);
            }),
            "no error");
}

TEST(ApiKeyAuthenticator, AuthenticatesUsableKeysWithTheirScopes) {
  auto auth = ApiKeyAuthenticator::FromConfig(
      Section(R"({"full":{"key":")" + kKey + R"("},"scoped":{"key":")" + kOtherKey +
              R"(","scopes":["core:files","monitoring:*"]},"off":{"key":"Disabled_Key_That_Is_Strong_123!!","enabled":false}})"),
      kNow);
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->header_name(), "X-API-KEY");
  EXPECT_EQ(auth->Authenticate(kKey, kNow), std::vector<std::string>{"**"});
  EXPECT_EQ(auth->Authenticate(kOtherKey, kNow), (std::vector<std::string>{"core:files", "monitoring:*"}));
  EXPECT_FALSE(auth->Authenticate("Disabled_Key_That_Is_Strong_123!!", kNow));
  EXPECT_FALSE(auth->Authenticate(kKey.substr(0, kKey.size() - 1), kNow));
  EXPECT_FALSE(auth->Authenticate(kKey + "x", kNow));
  EXPECT_FALSE(auth->Authenticate("", kNow));
}

TEST(ApiKeyAuthenticator, ExpiryIsCheckedOnEveryRequest) {
  auto auth = ApiKeyAuthenticator::FromConfig(
      Section(R"({"soon":{"key":")" + kKey + R"(","expiresAt":"2026-01-01T00:00:10.000Z"}})"), kNow);
  ASSERT_TRUE(auth);
  EXPECT_TRUE(auth->Authenticate(kKey, kNow + std::chrono::seconds(9)));
  EXPECT_FALSE(auth->Authenticate(kKey, kNow + std::chrono::seconds(10)));
}

TEST(Authentication, ModesAndStartupErrors) {
  const boost::json::object none = boost::json::parse(R"({"apiKey":{"headerName":"X-API-KEY","keys":{}},"oidc":{},"jwtBearer":{}})").as_object();
  EXPECT_EQ(MessageOf([&] { Authentication(none, false, kNow); }),
            "No API key and OAuth config set in configuration. At least one is required in production mode.");
  Authentication open(none, true, kNow);
  EXPECT_TRUE(open.open());
  http::Request anyone;
  EXPECT_EQ(open.Authenticate(anyone, kNow), std::vector<std::string>{"**"});

  auto jwt = none;
  jwt["jwtBearer"] = boost::json::object{{"issuerBaseURL", "https://id.example"}, {"audience", "connector"}};
  auto message = MessageOf([&] { Authentication(jwt, true, kNow); });
  EXPECT_NE(message.find("infrastructure.httpServer.authentication.jwtBearer"), std::string::npos) << message;
  EXPECT_NE(message.find("supports only API-key authentication"), std::string::npos) << message;
  jwt["jwtBearer"].as_object()["enabled"] = false;
  EXPECT_EQ(MessageOf([&] { Authentication(jwt, true, kNow); }), "no error");
  auto oidc = none;
  oidc["oidc"] = boost::json::object{{"enabled", true}};
  EXPECT_NE(MessageOf([&] { Authentication(oidc, true, kNow); }).find("authentication.oidc"), std::string::npos);
}

TEST(Authentication, ApiKeyHeaderNameIsConfigurableAndCaseInsensitive) {
  auto section = boost::json::parse(R"({"apiKey":{"headerName":"X-My-Key","keys":{"a":{"key":")" + kKey + R"("}}}})").as_object();
  Authentication auth(section, false, kNow);
  EXPECT_FALSE(auth.open());
  http::Request r;
  EXPECT_FALSE(auth.Authenticate(r, kNow));
  r.headers["x-api-key"] = kKey;
  EXPECT_FALSE(auth.Authenticate(r, kNow));
  r.headers["x-my-key"] = kKey;
  EXPECT_EQ(auth.Authenticate(r, kNow), std::vector<std::string>{"**"});
}

}  // namespace
}  // namespace nmshd::connector
