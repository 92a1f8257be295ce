#include "connector/webhooks/webhooks_config.h"

#include <gtest/gtest.h>

#include <string>

#include "base/coded_error.h"

namespace nmshd::connector {
namespace {

boost::json::object Config(const char* text) { return boost::json::parse(text).as_object(); }

std::string ErrorCode(const char* text) {
  try {
    (void)ParseWebhooksConfig(Config(text));
  } catch (const CodedError& e) {
    return e.code();
  }
  return "no error";
}

std::string ErrorMessage(const char* text) {
  try {
    (void)ParseWebhooksConfig(Config(text));
  } catch (const CodedError& e) {
    return e.what();
  }
  return "no error";
}

TEST(WebhooksConfig, InlineTarget) {
  auto config = ParseWebhooksConfig(Config(R"({"enabled":true,"location":"webhooks",
      "webhooks":[{"triggers":["a-trigger"],"target":{"url":"http://a.domain.com/path/","headers":{"aHeader":"A header value"}}}]})"));
  ASSERT_EQ(config.webhooks.size(), 1u);
  EXPECT_EQ(config.webhooks[0].triggers, std::vector<std::string>{"a-trigger"});
  EXPECT_EQ(config.webhooks[0].target->urlTemplate, "http://a.domain.com/path/");
  ASSERT_EQ(config.webhooks[0].target->headers.size(), 1u);
  EXPECT_EQ(config.webhooks[0].target->headers[0], (std::pair<std::string, std::string>{"aHeader", "A header value"}));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(config.webhooks[0].target->authentication));
  EXPECT_FALSE(config.skipTlsCheck);
}

TEST(WebhooksConfig, NamedTargetsAreShared) {
  auto config = ParseWebhooksConfig(Config(R"({"skipTlsCheck":true,
      "targets":{"default":{"url":"http://a.domain.com/{{trigger}}"}},
      "webhooks":[{"triggers":["transport.*"],"target":"default"},{"triggers":["**"],"target":"default"}]})"));
  ASSERT_EQ(config.webhooks.size(), 2u);
  EXPECT_EQ(config.webhooks[0].target, config.webhooks[1].target);
  EXPECT_EQ(config.webhooks[0].target->urlTemplate, "http://a.domain.com/{{trigger}}");
  EXPECT_TRUE(config.skipTlsCheck);
}

TEST(WebhooksConfig, NoWebhooksIsFine) {
  EXPECT_TRUE(ParseWebhooksConfig(Config(R"({"enabled":false})")).webhooks.empty());
  EXPECT_TRUE(ParseWebhooksConfig(Config(R"({"webhooks":null,"targets":{}})")).webhooks.empty());
}

TEST(WebhooksConfig, Authentication) {
  auto config = ParseWebhooksConfig(Config(R"({"webhooks":[
      {"triggers":["a"],"target":{"url":"http://h/","authentication":{"type":"ApiKey","apiKey":"k1"}}},
      {"triggers":["a"],"target":{"url":"http://h/","authentication":{"type":"ApiKey","apiKey":"k2","headerName":"X-Key"}}},
      {"triggers":["a"],"target":{"url":"http://h/","authentication":{"type":"OAuth2","accessTokenUrl":"http://idp/token","clientId":"c","clientSecret":"s","scope":"a b"}}},
      {"triggers":["a"],"target":{"url":"http://h/","authentication":null}}]})"));
  ASSERT_EQ(config.webhooks.size(), 4u);
  const auto& k1 = std::get<ApiKeyAuthentication>(config.webhooks[0].target->authentication);
  EXPECT_EQ(k1.apiKey, "k1");
  EXPECT_EQ(k1.headerName, "x-api-key");
  const auto& k2 = std::get<ApiKeyAuthentication>(config.webhooks[1].target->authentication);
  EXPECT_EQ(k2.headerName, "X-Key");
  const auto& o = std::get<OAuth2Authentication>(config.webhooks[2].target->authentication);
  EXPECT_EQ(o.accessTokenUrl, "http://idp/token");
  EXPECT_EQ(o.clientId, "c");
  EXPECT_EQ(o.clientSecret, "s");
  EXPECT_EQ(o.scope, "a b");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(config.webhooks[3].target->authentication));
}

TEST(WebhooksConfig, OfficialErrorCodes) {
  const std::string url = "error.runtime.modules.webhooks.invalidUrlFormat";
  const std::string ref = "error.runtime.modules.webhooks.invalidTargetReference";
  const std::string auth = "error.runtime.modules.webhooks.invalidAuthenticationConfig";

  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"url":"this.is.an.invalid.url"}}]})"), url);
  EXPECT_EQ(ErrorCode(R"({"targets":{"default":{"url":"this.is.an.invalid.url"}},
                          "webhooks":[{"triggers":["a"],"target":"default"}]})"),
            url);
  // Named targets are all parsed, used or not.
  EXPECT_EQ(ErrorCode(R"({"targets":{"unused":{"url":"ftp://x/"}}})"), url);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"headers":{}}}]})"), url);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":"non-existent-target"}]})"), ref);

  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/","authentication":"x"}}]})"), auth);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/","authentication":{}}}]})"), auth);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/","authentication":{"type":"Basic"}}}]})"),
            auth);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/",
                          "authentication":{"type":"OAuth2","accessTokenUrl":"http://idp/t","clientId":"c"}}}]})"),
            auth);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/",
                          "authentication":{"type":"ApiKey","apiKey":""}}}]})"),
            auth);
  EXPECT_EQ(ErrorCode(R"({"targets":{"t":{"url":"http://h/","authentication":{"type":"ApiKey"}}}})"), auth);
}

TEST(WebhooksConfig, OfficialMessages) {
  EXPECT_EQ(ErrorMessage(R"({"webhooks":[{"triggers":["a"],"target":{"url":"this.is.an.invalid.url"}}]})"),
            "'this.is.an.invalid.url' is not a valid URL.");
  EXPECT_EQ(ErrorMessage(R"({"webhooks":[{"triggers":["a"],"target":"nope"}]})"),
            "Invalid configuration. target 'nope' not found!");
  EXPECT_EQ(ErrorMessage(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/","authentication":{"type":"Basic"}}}]})"),
            "The authentication type 'Basic' is invalid. Valid types are 'OAuth2' and 'ApiKey'");
  EXPECT_EQ(ErrorMessage(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/","authentication":{"type":"ApiKey"}}}]})"),
            "'ApiKey' authentication is missing the required property 'apiKey'.");
}

TEST(WebhooksConfig, FirstErrorWinsInOfficialOrder) {
  // Targets are parsed before webhooks: the bad named target is reported, not the bad reference.
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":"missing"}],"targets":{"t":{"url":"nope"}}})"),
            "error.runtime.modules.webhooks.invalidUrlFormat");
}

TEST(WebhooksConfig, WrongShapesAreConfigErrors) {
  const std::string invalid = "error.config.invalid";
  EXPECT_EQ(ErrorCode(R"({"targets":[]})"), invalid);
  EXPECT_EQ(ErrorCode(R"({"targets":{"t":"http://h/"}})"), invalid);
  EXPECT_EQ(ErrorCode(R"({"webhooks":{}})"), invalid);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":"a","target":{"url":"http://h/"}}]})"), invalid);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":[1],"target":{"url":"http://h/"}}]})"), invalid);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"]}]})"), invalid);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/","headers":{"X":1}}}]})"), invalid);
  EXPECT_EQ(ErrorCode(R"({"webhooks":[{"triggers":["a"],"target":{"url":"http://h/","headers":{"X":"a\r\nY: b"}}}]})"),
            invalid);
  EXPECT_EQ(ErrorCode(R"({"skipTlsCheck":"yes"})"), invalid);
}

}  // namespace
}  // namespace nmshd::connector
