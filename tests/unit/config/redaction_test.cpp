#include "config/redaction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/js_json.h"
#include "config/connector_config.h"

namespace nmshd::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Every secret below is a distinct marker so the test can prove none of them survives anywhere.
const std::vector<std::string> kSecrets = {
    "S1-client-secret", "S2ApiKeyAAbb11!!AAbb11!!AAbb11!!", "S3dbpass", "S4-webhook-apikey",
    "S5-oauth-secret",  "S6-header-value",  "S7-amqp-pass", "S8-platform-header", "S9-query-pass",
    "S10-oidc-secret", "S11-conninfo-pass", "S12-redis-pass", "S13-private", "S14-token"};

boost::json::value ConfigWithSecrets() {
  auto c = ConnectorDefaults();
  auto& t = c["transportLibrary"].as_object();
  t["baseUrl"] = "https://backbone.example";
  t["platformClientId"] = "visible-client-id";
  t["platformClientSecret"] = kSecrets[0];
  t["platformAdditionalHeaders"] = boost::json::object{{"X-Auth", kSecrets[7]}};
  c["database"] = boost::json::object{{"driver", "mongodb"}, {"dbName", "acc"},
                                       {"connectionString", "mongodb://admin:" + kSecrets[2] + "@db-host:27017,db2:27017/?authSource=admin"}};
  auto& auth = c["infrastructure"].as_object()["httpServer"].as_object()["authentication"].as_object();
  auth["apiKey"].as_object()["keys"] = boost::json::object{
      {"default", boost::json::object{{"key", kSecrets[1]}, {"scopes", boost::json::array{"core:**"}}}}};
  auth["oidc"] = boost::json::object{{"issuerBaseURL", "https://idp"}, {"clientSecret", kSecrets[9]}};
  auto& modules = c["modules"].as_object();
  modules["webhooks"].as_object()["targets"] = boost::json::object{
      {"t1", boost::json::object{{"url", "https://hook.example/{{trigger}}"},
                                 {"headers", boost::json::object{{"X-Custom", kSecrets[5]}}},
                                 {"authentication", boost::json::object{{"type", "ApiKey"}, {"apiKey", kSecrets[3]}}}}},
      {"t2", boost::json::object{{"url", "https://hook2.example?password=" + kSecrets[8] + "&x=1"},
                                 {"authentication", boost::json::object{{"type", "OAuth2"}, {"clientId", "cid"}, {"clientSecret", kSecrets[4]}}}}}};
  modules["messageBrokerPublisher"].as_object()["brokers"] = boost::json::array{
      boost::json::object{{"type", "AMQP"}, {"configuration", boost::json::object{{"url", "amqp://guest:" + kSecrets[6] + "@rabbit:5672"}}}},
      boost::json::object{{"type", "Redis"}, {"configuration", boost::json::object{{"url", "redis://:" + kSecrets[11] + "@redis:6379"}}}}};
  c["custom"] = boost::json::object{{"pg", "host=pg port=5432 password=" + kSecrets[10] + " dbname=x"},
                                    {"privateKey", kSecrets[12]},
                                    {"accessToken", kSecrets[13]},
                                    {"numericSecret", 123456789}};
  return c;
}

TEST(Redaction, NoSecretSurvives) {
  std::string redacted = json::Stringify(RedactConfig(ConfigWithSecrets()));
  for (const auto& secret : kSecrets) EXPECT_THAT(redacted, Not(HasSubstr(secret))) << secret;
  EXPECT_THAT(redacted, Not(HasSubstr("123456789")));
}

TEST(Redaction, KeepsWhatOperatorsNeedToSee) {
  auto r = RedactConfig(ConfigWithSecrets());
  const auto& t = r.at("transportLibrary");
  EXPECT_EQ(t.at("platformClientSecret").as_string(), "***");
  EXPECT_EQ(t.at("platformClientId").as_string(), "visible-client-id");
  EXPECT_EQ(t.at("baseUrl").as_string(), "https://backbone.example");
  EXPECT_EQ(t.at("platformAdditionalHeaders").at("X-Auth").as_string(), "***");
  EXPECT_EQ(r.at("database").at("connectionString").as_string(),
            "mongodb://admin:***@db-host:27017,db2:27017/?authSource=admin");
  const auto& apiKey = r.at("infrastructure").at("httpServer").at("authentication").at("apiKey");
  EXPECT_EQ(apiKey.at("headerName").as_string(), "X-API-KEY");
  EXPECT_EQ(apiKey.at("keys").at("default").at("key").as_string(), "***");
  EXPECT_EQ(json::Stringify(apiKey.at("keys").at("default").at("scopes")), R"(["core:**"])");
  const auto& targets = r.at("modules").at("webhooks").at("targets");
  EXPECT_EQ(targets.at("t1").at("url").as_string(), "https://hook.example/{{trigger}}");
  EXPECT_EQ(targets.at("t1").at("headers").at("X-Custom").as_string(), "***");
  EXPECT_EQ(targets.at("t1").at("authentication").at("type").as_string(), "ApiKey");
  EXPECT_EQ(targets.at("t2").at("url").as_string(), "https://hook2.example?password=***&x=1");
  EXPECT_EQ(targets.at("t2").at("authentication").at("clientId").as_string(), "cid");
  const auto& brokers = r.at("modules").at("messageBrokerPublisher").at("brokers");
  EXPECT_EQ(brokers.at(0).at("configuration").at("url").as_string(), "amqp://guest:***@rabbit:5672");
  EXPECT_EQ(brokers.at(1).at("configuration").at("url").as_string(), "redis://:***@redis:6379");
  EXPECT_EQ(r.at("custom").at("pg").as_string(), "host=pg port=5432 password=*** dbname=x");
  EXPECT_EQ(r.at("debug").as_bool(), false);
  EXPECT_EQ(r.at("modules").at("sync").at("interval").as_int64(), 60);
}

TEST(Redaction, ConnectionStringsWithoutPasswordsAreUnchanged) {
  EXPECT_EQ(RedactConnectionString("mongodb://db:27017/x"), "mongodb://db:27017/x");
  EXPECT_EQ(RedactConnectionString("postgresql://user@host/db"), "postgresql://user@host/db");
  EXPECT_EQ(RedactConnectionString("https://host/path@x:y"), "https://host/path@x:y");
  EXPECT_EQ(RedactConnectionString("postgresql://u:p%40ss@h/db"), "postgresql://u:***@h/db");
  EXPECT_EQ(RedactConnectionString("host=h password='a b' user=u"), "host=h password=*** user=u");
  EXPECT_EQ(RedactConnectionString("plain text"), "plain text");
}

TEST(Redaction, SecretKeyNames) {
  for (const char* k : {"platformClientSecret", "clientSecret", "password", "PASSWORD", "apiKey", "key",
                        "privateKey", "accessToken", "credentials", "Authorization"}) {
    EXPECT_TRUE(IsSecretKeyName(k)) << k;
  }
  for (const char* k : {"headerName", "keys", "url", "dbName", "baseUrl", "scopes", "keyFile"}) {
    EXPECT_FALSE(IsSecretKeyName(k)) << k;
  }
}

}  // namespace
}  // namespace nmshd::config
