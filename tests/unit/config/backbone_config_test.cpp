#include "config/backbone_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/coded_error.h"
#include "unit/config/test_support.h"

namespace nmshd::config {
namespace {

using ::testing::HasSubstr;

std::string InvalidMessage(const ConfigSources& s) {
  try {
    LoadBackboneConfig(s);
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.config.invalid");
    return e.what();
  }
  ADD_FAILURE() << "configuration was accepted";
  return "";
}

TEST(BackboneConfig, DefaultsAreValidAndDocumented) {
  auto c = LoadBackboneConfig(ConfigSources{{}, {}, "/nonexistent-dir"});
  EXPECT_EQ(c.listenAddress, "127.0.0.1");
  EXPECT_EQ(c.port, 8090);
  EXPECT_EQ(c.workerThreads, 8);
  EXPECT_EQ(c.didDomainName, "localhost");
  EXPECT_TRUE(c.platformClients.empty());
  EXPECT_EQ(c.databaseDriver, "sqlite");
  EXPECT_EQ(c.databaseName, "backbone");
  EXPECT_EQ(c.jwtLifetimeSeconds, 300);
  EXPECT_EQ(c.limits.maxRequestBodyBytes, 20971520);
  EXPECT_EQ(c.limits.maxPageSize, 200);
  EXPECT_EQ(c.identityDeletionGracePeriodDays, 14);
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_THAT(c.warnings[0], HasSubstr("platformClients is empty"));
  EXPECT_TRUE(c.effective.at("logging").is_object());
}

TEST(BackboneConfig, FileEnvironmentAndArgumentsLayer) {
  testing::TempDir dir;
  dir.Write("config.json", R"({"httpServer":{"port":9000},
    "platformClients":[{"clientId":"test","clientSecret":"test"},{"clientId":"b","clientSecret":"s","maxIdentities":3}]})");
  ConfigSources s{{"--httpServer:address=0.0.0.0"}, {{"didDomainName", "backbone.local"}, {"authentication__jwtLifetimeInSeconds", "600"}, {"httpServer__workerThreads", "32"}}, dir.path()};
  auto c = LoadBackboneConfig(s);
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.workerThreads, 32);
  EXPECT_EQ(c.listenAddress, "0.0.0.0");
  EXPECT_EQ(c.didDomainName, "backbone.local");
  EXPECT_EQ(c.jwtLifetimeSeconds, 600);
  ASSERT_EQ(c.platformClients.size(), 2u);
  ASSERT_NE(c.FindClient("b"), nullptr);
  EXPECT_EQ(c.FindClient("b")->clientSecret, "s");
  EXPECT_EQ(c.FindClient("b")->maxIdentities, 3);
  EXPECT_FALSE(c.FindClient("test")->maxIdentities.has_value());
  EXPECT_EQ(c.FindClient("nobody"), nullptr);
  EXPECT_TRUE(c.warnings.empty());
}

TEST(BackboneConfig, BadValuesAreAllReportedByKey) {
  ConfigSources s{{}, {{"authentication__jwtLifetimeInSeconds", "10"},
                       {"httpServer__port", "-5"},
                       {"httpServer__workerThreads", "0"},
                       {"didDomainName", "a b"},
                       {"database__driver", "mongodb"},
                       {"platformClients", R"([{"clientId":"x","clientSecret":"1"},{"clientId":"x","clientSecret":"2"},{"clientId":"y"},7])"},
                       {"limits__defaultPageSize", "500"},
                       {"limits__unknown", "1"}},
                  "/nonexistent-dir"};
  std::string message = InvalidMessage(s);
  EXPECT_THAT(message, HasSubstr("backbone configuration is invalid"));
  EXPECT_THAT(message, HasSubstr("authentication.jwtLifetimeInSeconds: must be an integer 60..3600"));
  EXPECT_THAT(message, HasSubstr("httpServer.port: must be an integer 0..65535"));
  EXPECT_THAT(message, HasSubstr("httpServer.workerThreads: must be an integer 1..256"));
  EXPECT_THAT(message, HasSubstr("didDomainName: must be a hostname"));
  EXPECT_THAT(message, HasSubstr("database.driver: unknown driver \"mongodb\""));
  EXPECT_THAT(message, HasSubstr("platformClients[1].clientId: is used by another client"));
  EXPECT_THAT(message, HasSubstr("platformClients[2].clientSecret: is required"));
  EXPECT_THAT(message, HasSubstr("platformClients[3]: must be an object"));
  EXPECT_THAT(message, HasSubstr("limits.defaultPageSize: must not exceed limits.maxPageSize"));
  EXPECT_THAT(message, HasSubstr("limits.unknown: is not a known key"));
}

TEST(BackboneConfig, PostgresNeedsAConnectionString) {
  ConfigSources s{{"--database={\"driver\":\"postgres\"}"}, {}, "/nonexistent-dir"};
  EXPECT_THAT(InvalidMessage(s), HasSubstr("database.connectionString: is required"));
  s.args.push_back("--database:connectionString=postgresql://u:p@localhost/db");
  auto c = LoadBackboneConfig(s);
  EXPECT_EQ(c.databaseDriver, "postgres");
  EXPECT_EQ(c.databaseConnectionString, "postgresql://u:p@localhost/db");
}

}  // namespace
}  // namespace nmshd::config
