#include "config/connector_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "config/json_tree.h"
#include "unit/config/test_support.h"

namespace nmshd::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kStrongKey = "AAbb11!!AAbb11!!AAbb11!!AAbb11!!";

// The minimum an operator must give: Backbone URL, client credentials, one API key.
ConfigSources Minimal() {
  ConfigSources s;
  s.workingDirectory = "/nonexistent-dir";
  s.environment = {
      {"transportLibrary__baseUrl", "https://backbone.example"},
      {"PLATFORM_CLIENT_ID", "client"},
      {"PLATFORM_CLIENT_SECRET", "secret"},
      {"infrastructure__httpServer__authentication__apiKey__keys__default__key", kStrongKey},
  };
  return s;
}

std::string InvalidMessage(const ConfigSources& s) {
  try {
    LoadConnectorConfig(s);
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.config.invalid");
    return e.what();
  }
  ADD_FAILURE() << "configuration was accepted";
  return "";
}

TEST(ConnectorConfig, DefaultsAreTheOfficialOnesWithTheEmbeddedDatabase) {
  auto c = LoadConnectorConfig(Minimal());
  EXPECT_FALSE(c.debug);
  EXPECT_EQ(c.database.driver, "sqlite");
  EXPECT_EQ(c.database.dbName, "default");
  EXPECT_EQ(c.database.folder, "./data");
  EXPECT_EQ(c.httpServer.port, 80);
  EXPECT_TRUE(c.httpServer.enabled);
  EXPECT_TRUE(c.transport.allowIdentityCreation);
  EXPECT_EQ(c.transport.platformTimeoutMs, 60000);
  EXPECT_EQ(c.shutdownTimeoutSeconds, 15);
  EXPECT_TRUE(c.ModuleEnabled("coreHttpApi"));
  EXPECT_TRUE(c.ModuleEnabled("notification"));
  EXPECT_FALSE(c.ModuleEnabled("sync"));
  EXPECT_EQ(c.Module("sync").at("interval").as_int64(), 60);
  EXPECT_EQ(c.Module("coreHttpApi").at("location").as_string(), "@nmshd/connector:CoreHttpApiModule");
  EXPECT_EQ(json::Stringify(c.effective.at("logging").at("categories")),
            R"({"default":{"appenders":["console"],"level":"TRACE"}})");
  EXPECT_EQ(c.effective.at("infrastructure").at("httpServer").at("authentication").at("apiKey").at("headerName").as_string(),
            "X-API-KEY");
  EXPECT_TRUE(c.warnings.empty());
  // Official top-level key order survives the merge.
  std::vector<std::string> keys;
  for (const auto& kv : c.effective) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"debug", "transportLibrary", "database", "logging",
                                            "infrastructure", "modules"}));
}

TEST(ConnectorConfig, AllOfficialAliasesApply) {
  auto s = Minimal();
  s.environment["DATABASE_NAME"] = "acc-one";
  s.environment["DATABASE_CONNECTION_STRING"] = "mongodb://db:27017";
  s.environment["database__driver"] = "mongodb";
  s.environment["SYNC_ENABLED"] = "true";
  s.environment["DEBUG"] = "true";
  auto c = LoadConnectorConfig(s);
  EXPECT_EQ(c.database.dbName, "acc-one");
  EXPECT_EQ(c.database.connectionString, "mongodb://db:27017");
  EXPECT_EQ(c.database.driver, "mongodb");
  EXPECT_TRUE(c.ModuleEnabled("sync"));
  EXPECT_TRUE(c.debug);
  EXPECT_EQ(c.transport.platformClientId, "client");
  EXPECT_EQ(c.transport.platformClientSecret, "secret");
}

TEST(ConnectorConfig, PrecedenceArgvOverEnvOverFileOverDefaults) {
  testing::TempDir dir;
  dir.Write("config.json", R"({"infrastructure":{"httpServer":{"port":1001}},"database":{"dbName":"file"}})");
  auto s = Minimal();
  s.workingDirectory = dir.path();
  auto c = LoadConnectorConfig(s);
  EXPECT_EQ(c.httpServer.port, 1001);
  EXPECT_EQ(c.database.dbName, "file");
  EXPECT_EQ(c.configFile, dir.path() / "config.json");

  s.environment["infrastructure__httpServer__port"] = "1002";
  s.environment["DATABASE_NAME"] = "env";
  c = LoadConnectorConfig(s);
  EXPECT_EQ(c.httpServer.port, 1002);
  EXPECT_EQ(c.database.dbName, "env");

  s.args = {"--infrastructure:httpServer:port=1003", "--database__dbName=argv"};
  c = LoadConnectorConfig(s);
  EXPECT_EQ(c.httpServer.port, 1003);
  EXPECT_EQ(c.database.dbName, "argv");
  EXPECT_EQ(c.database.folder, "./data");  // default still underneath
}

TEST(ConnectorConfig, TheStopBoundIsOursAndComesFromAnyLayer) {
  auto s = Minimal();
  s.environment["shutdownTimeoutSeconds"] = "30";
  EXPECT_EQ(LoadConnectorConfig(s).shutdownTimeoutSeconds, 30);
  s.args = {"--shutdownTimeoutSeconds=8"};
  EXPECT_EQ(LoadConnectorConfig(s).shutdownTimeoutSeconds, 8);
}

TEST(ConnectorConfig, WholeObjectsFromTheEnvironmentMergeWithDefaults) {
  auto s = Minimal();
  s.environment["database"] = R"({"driver":"postgres","connectionString":"postgresql://u:p@db/x"})";
  s.environment["infrastructure__httpServer__port"] = "\"8080\"";  // a string port, as the schema allows
  auto c = LoadConnectorConfig(s);
  EXPECT_EQ(c.database.driver, "postgres");
  EXPECT_EQ(c.database.dbName, "default");
  EXPECT_EQ(c.httpServer.port, 8080);
}

TEST(ConnectorConfig, SyncAndSseTogetherDisableSyncWithAWarning) {
  auto s = Minimal();
  s.environment["SYNC_ENABLED"] = "true";
  s.environment["modules__sse__enabled"] = "true";
  auto c = LoadConnectorConfig(s);
  EXPECT_FALSE(c.ModuleEnabled("sync"));
  EXPECT_TRUE(c.ModuleEnabled("sse"));
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_THAT(c.warnings[0], HasSubstr("modules.sync.enabled"));
}

TEST(ConnectorConfig, DeciderAndRequestAreForcedOn) {
  auto s = Minimal();
  s.environment["modules__decider__enabled"] = "false";
  s.args = {"--modules:request:enabled=false"};
  auto c = LoadConnectorConfig(s);
  EXPECT_TRUE(c.ModuleEnabled("decider"));
  EXPECT_TRUE(c.ModuleEnabled("request"));
}

TEST(ConnectorConfig, LokiJsIsServedBySqlite) {
  auto s = Minimal();
  s.environment["database__driver"] = "lokijs";
  s.environment["database__folder"] = "/tmp/x";
  auto c = LoadConnectorConfig(s);
  EXPECT_EQ(c.database.driver, "sqlite");
  EXPECT_EQ(c.effective.at("database").at("driver").as_string(), "sqlite");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_THAT(c.warnings[0], HasSubstr("lokijs"));
}

struct BadValue {
  const char* key;
  const char* value;
  const char* expected;
};

class ConnectorConfigBadValue : public ::testing::TestWithParam<BadValue> {};

TEST_P(ConnectorConfigBadValue, IsRejectedWithAMessageNamingTheKey) {
  auto s = Minimal();
  s.environment[GetParam().key] = GetParam().value;
  EXPECT_THAT(InvalidMessage(s), HasSubstr(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Values, ConnectorConfigBadValue,
    ::testing::Values(
        BadValue{"transportLibrary__baseUrl", "ftp://backbone", "transportLibrary.baseUrl: must start with http:// or https://"},
        BadValue{"transportLibrary__baseUrl", "backbone.example", "transportLibrary.baseUrl: must start with http:// or https://"},
        BadValue{"transportLibrary__baseUrl", "https://a|b", "transportLibrary.baseUrl: must not contain a pipe"},
        BadValue{"transportLibrary__baseUrl", "42", "transportLibrary.baseUrl: must be a string, not a number"},
        BadValue{"infrastructure__httpServer__port", "70000", "infrastructure.httpServer.port: must be an integer 0..65535"},
        BadValue{"infrastructure__httpServer__port", "eighty", "infrastructure.httpServer.port: must be an integer 0..65535, not \"eighty\""},
        BadValue{"infrastructure__httpServer__port", "80.5", "infrastructure.httpServer.port: must be an integer 0..65535"},
        BadValue{"database__driver", "oracle", "database.driver: unknown driver \"oracle\""},
        BadValue{"database__dbName", "../etc", "database.dbName: must be a plain name"},
        BadValue{"database__dbName", "", "database.dbName: must not be empty"},
        BadValue{"transportLibrary__unknownOption", "1", "transportLibrary.unknownOption: is not a known key"},
        BadValue{"debug", "yes", "debug: must be true or false, not a string"},
        BadValue{"modules__sync__interval", "0", "modules.sync.interval: must be an integer"},
        BadValue{"shutdownTimeoutSeconds", "1", "shutdownTimeoutSeconds: must be an integer 2..3600"},
        BadValue{"shutdownTimeoutSeconds", "\"soon\"", "shutdownTimeoutSeconds: must be an integer"},
        BadValue{"modules__webhooks", "[]", "modules.webhooks: must be an object, not an array"},
        BadValue{"transportLibrary__platformTimeout", "-1", "transportLibrary.platformTimeout: must be an integer"},
        BadValue{"transportLibrary__platformAdditionalHeaders", R"({"X-A":1})", "transportLibrary.platformAdditionalHeaders.X-A: must be a string"},
        BadValue{"logging", "\"verbose\"", "logging: must be an object, not a string"},
        BadValue{"infrastructure__httpServer__enabled", "false", "modules.coreHttpApi: requires the 'httpServer' infrastructure"},
        BadValue{"modules__coreHttpApi__docs__enabled", "true", "modules.coreHttpApi.docs.enabled: is only allowed in debug mode"},
        BadValue{"infrastructure__httpServer__authentication__apiKey__keys__default__key", "short", "infrastructure.httpServer.authentication.apiKey.keys: keys default are too weak"},
        BadValue{"infrastructure__httpServer__authentication__apiKey__keys__default__expiresAt", "2001-01-01T00:00:00Z", "apiKey.keys: API key authentication is enabled but no key is enabled and unexpired"},
        BadValue{"infrastructure__httpServer__authentication__apiKey__keys__default__expiresAt", "soon", "apiKey.keys.default.expiresAt: must be an ISO 8601"},
        BadValue{"pinnedTLSCertificateSHA256Fingerprints", R"({"https://host":["00"]})", "pinnedTLSCertificateSHA256Fingerprints.https://host: must be a bare hostname"},
        BadValue{"database", R"({"driver":"postgres"})", "database.connectionString: is required"},
        BadValue{"database", R"({"driver":"mongodb","connectionString":"http://wrong"})", "database.connectionString: must start with mongodb://"},
        BadValue{"database", R"({"driver":"postgres","connectionString":"mysql-ish"})", "database.connectionString: must be a postgres:// or postgresql:// URI"}),
    [](const ::testing::TestParamInfo<BadValue>& p) {
      std::string name = std::to_string(p.index) + "_";
      for (const char* c = p.param.key; *c != 0; ++c) {
        if (std::isalnum(static_cast<unsigned char>(*c))) name.push_back(*c);
      }
      return name;
    });

TEST(ConnectorConfig, ProductionWithoutAnyAuthenticationIsRejected) {
  auto s = Minimal();
  s.environment.erase("infrastructure__httpServer__authentication__apiKey__keys__default__key");
  EXPECT_THAT(InvalidMessage(s),
              HasSubstr("infrastructure.httpServer.authentication: no API key and no OAuth configuration"));
  s.environment["infrastructure__httpServer__authentication__jwtBearer"] = R"({"issuerBaseURL":"https://idp"})";
  EXPECT_NO_THROW(LoadConnectorConfig(s));
}

TEST(ConnectorConfig, MongoDriverNeedsAMongoConnectionString) {
  auto s = Minimal();
  s.environment["database__driver"] = "mongodb";
  EXPECT_THAT(InvalidMessage(s), HasSubstr("database.connectionString: is required"));
}

TEST(ConnectorConfig, AllProblemsAreReportedTogetherWithoutLeakingSecretValues) {
  ConfigSources s;
  s.workingDirectory = "/nonexistent-dir";
  s.environment = {{"transportLibrary__baseUrl", "ftp://x"},
                   {"PLATFORM_CLIENT_SECRET", "super-secret-value"},
                   {"infrastructure__httpServer__port", "99999"},
                   {"database__driver", "oracle"}};
  std::string message = InvalidMessage(s);
  EXPECT_THAT(message, HasSubstr("connector configuration is invalid"));
  EXPECT_THAT(message, HasSubstr("transportLibrary.baseUrl: must start with"));
  EXPECT_THAT(message, HasSubstr("transportLibrary.platformClientId: is required"));
  EXPECT_THAT(message, HasSubstr("infrastructure.httpServer.port: must be an integer 0..65535"));
  EXPECT_THAT(message, HasSubstr("database.driver: unknown driver"));
  EXPECT_THAT(message, HasSubstr("infrastructure.httpServer.authentication: no API key"));
  EXPECT_THAT(message, Not(HasSubstr("super-secret-value")));
}

TEST(ConnectorConfig, DebugModeNeedsNoAuthentication) {
  ConfigSources s;
  s.workingDirectory = "/nonexistent-dir";
  s.environment = {{"transportLibrary__baseUrl", "http://localhost:8090"},
                   {"PLATFORM_CLIENT_ID", "test"},
                   {"PLATFORM_CLIENT_SECRET", "test"},
                   {"DEBUG", "true"}};
  auto c = LoadConnectorConfig(s);
  EXPECT_TRUE(c.debug);
  EXPECT_EQ(c.transport.baseUrl, "http://localhost:8090");
}

TEST(ConnectorConfig, OfficialTestConfigFileShapeLoads) {
  // The shape of the official Connector's .dev/test.json plus the footprint run's env.
  testing::TempDir dir;
  auto file = dir.Write("test.json", R"({
    "debug": true,
    "transportLibrary": {"debug": true},
    "logging": {"appenders": {"c": {"type": "stdout"}, "f": {"type": "logLevelFilter", "level": "WARN", "appender": "c"}},
                "categories": {"default": {"appenders": ["f"], "level": "TRACE"}}},
    "infrastructure": {"httpServer": {"port": 18100, "apiKey": "ignored-old-key"}},
    "modules": {"coreHttpApi": {"docs": {"enabled": true}}}
  })");
  ConfigSources s;
  s.workingDirectory = dir.path();
  s.environment = {{"CUSTOM_CONFIG_LOCATION", file.string()},
                   {"transportLibrary:baseUrl", "http://localhost:18090"},
                   {"transportLibrary:platformClientId", "test-client"},
                   {"transportLibrary:platformClientSecret", "test-secret"},
                   {"DATABASE_NAME", "fpmain1"},
                   {"database:driver", "lokijs"},
                   {"database:folder", "/tmp/db"}};
  auto c = LoadConnectorConfig(s);
  EXPECT_EQ(c.httpServer.port, 18100);
  EXPECT_EQ(c.database.dbName, "fpmain1");
  EXPECT_EQ(c.database.folder, "/tmp/db");
  EXPECT_EQ(c.transport.platformClientSecret, "test-secret");
  EXPECT_TRUE(c.ModuleEnabled("coreHttpApi"));
}

TEST(ConnectorConfig, RealProcessEnvironmentIsRestoredAfterTheTest) {
  testing::ScopedEnv env;
  env.Set("transportLibrary__baseUrl", "https://from-process-env");
  env.Set("PLATFORM_CLIENT_ID", "pid");
  env.Set("PLATFORM_CLIENT_SECRET", "psecret");
  env.Set("DEBUG", "true");
  env.Unset("CUSTOM_CONFIG_LOCATION");
  const char* argv[] = {"connector"};
  auto s = ConfigSources::FromProcess(1, argv);
  s.workingDirectory = "/nonexistent-dir";
  auto c = LoadConnectorConfig(s);
  EXPECT_EQ(c.transport.baseUrl, "https://from-process-env");
  EXPECT_EQ(c.effective.count("PATH"), 0u);
}

}  // namespace
}  // namespace nmshd::config
