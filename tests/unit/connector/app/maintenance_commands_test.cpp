// The maintenance commands' parts in-process (connector_commands.h): `check` against a running
// ConnectorApp and the in-process Backbone (expired own templates and tokens found, --cleanup deletes
// them here and on the Backbone, a tampered sealed record is named), and the host-resource helpers.
// The executables end to end: tests/interop/connector/connector_backup_interop_test.cpp.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/js_json.h"
#include "config/connector_config.h"
#include "connector/app/connector_app.h"
#include "connector/app/connector_commands.h"
#include "connector/app/system_resources.h"
#include "crypto/random.h"
#include "storage/open_database.h"
#include "transport/modules/relationships_test_support.h"
#include "transport/support/transport_harness.h"

namespace nmshd::connector {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;

TEST(SystemResources, SizesParseWithBinaryUnitsAndPrintReadably) {
  EXPECT_EQ(ParseByteSize("1073741824"), 1073741824ull);
  EXPECT_EQ(ParseByteSize("512M"), 512ull << 20);
  EXPECT_EQ(ParseByteSize("2g"), 2ull << 30);
  EXPECT_EQ(ParseByteSize("64KiB"), 64ull << 10);
  EXPECT_EQ(ParseByteSize("3TB"), 3ull << 40);
  EXPECT_EQ(ParseByteSize("7B"), 7ull);
  for (const char* bad : {"", "M", "-1", "1.5G", "1X", "99999999999999999999", "20000000T"}) {
    EXPECT_FALSE(ParseByteSize(bad).has_value()) << bad;
  }
  EXPECT_EQ(FormatBytes(100), "100 B");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(1ull << 30), "1.0 GiB");
}

TEST(SystemResources, MemoryComesFromMemInfoAndDiskFromTheNearestExistingFolder) {
  const auto dir = fs::temp_directory_path() / ("nmshd-res-" + crypto::RandomString(8, "abcdefghij"));
  fs::create_directories(dir);
  std::ofstream(dir / "meminfo") << "MemTotal:       16384 kB\nMemFree:         1024 kB\nMemAvailable:    4096 kB\n";
  const auto memory = AvailableMemory(dir / "meminfo");
  ASSERT_TRUE(memory.has_value());
  EXPECT_EQ(memory->available, 4096u * 1024);
  EXPECT_EQ(memory->total, 16384u * 1024);
  std::ofstream(dir / "broken") << "MemTotal: 1 kB\n";
  EXPECT_FALSE(AvailableMemory(dir / "broken").has_value());
  EXPECT_FALSE(AvailableMemory(dir / "missing").has_value());
  // A data folder that does not exist yet is measured on the file system it will be created on.
  const auto disk = DiskSpaceOf(dir / "not" / "yet");
  ASSERT_TRUE(disk.has_value());
  EXPECT_GT(disk->total, 0u);
  EXPECT_LE(disk->available, disk->total);
  fs::remove_all(dir);
}

class CheckCommand : public ::testing::Test {
 protected:
  CheckCommand() : dir_(fs::temp_directory_path() / ("nmshd-check-" + crypto::RandomString(10, "abcdefghijklmnop"))) {}
  ~CheckCommand() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  config::ConnectorConfig Config() const {
    auto merged = config::ConnectorDefaults();
    merged["debug"] = true;  // no API key needed for the in-process calls
    merged["transportLibrary"] = js::object{{"baseUrl", backbone_.base_url()},
                                            {"platformClientId", transport::testing::kClientId},
                                            {"platformClientSecret", transport::testing::kClientSecret}};
    merged["database"] = js::object{{"driver", "sqlite"}, {"dbName", "connector"}, {"folder", (dir_ / "data").string()}};
    auto& http = merged["infrastructure"].as_object()["httpServer"].as_object();
    http["port"] = 0;
    http["address"] = "127.0.0.1";
    return config::ValidateConnectorConfig(std::move(merged));
  }

  static js::value Post(ConnectorApp& app, const std::string& path, const js::value& body) {
    httplib::Client client("127.0.0.1", app.port());
    auto res = client.Post("/api/core/v1" + path, json::Stringify(body), "application/json");
    if (!res || res->status != 201) throw std::runtime_error(path + ": " + (res ? res->body : std::string("no answer")));
    return json::Parse(res->body).as_object().at("result");
  }

  static int Status(ConnectorApp& app, const std::string& path) {
    httplib::Client client("127.0.0.1", app.port());
    auto res = client.Get("/api/core/v1" + path);
    return res ? res->status : 0;
  }

  static std::string SoonIso(int seconds) {
    return core::CoreDate::FromMillis(core::CoreDate::Now().millis() + seconds * 1000).ToString();
  }

  std::pair<int, std::string> Check(bool cleanup) {
    CheckCommandOptions options;
    options.cleanup = cleanup;
    options.min_free_disk_bytes = 1;
    options.min_available_memory_bytes = 1;
    std::ostringstream out;
    const int code = RunCheckCommand(Config(), options, out);
    return {code, out.str()};
  }

  transport::testing::TestBackbone backbone_;
  fs::path dir_;
};

TEST_F(CheckCommand, ExpiredOwnTemplatesAndTokensAreReportedAndCleanedUpHereAndOnTheBackbone) {
  ConnectorApp app(Config());
  app.Start();
  const auto tmpl = Post(app, "/RelationshipTemplates/Own",
                         js::object{{"content", transport::testing::ArbitraryTemplateContent()}, {"expiresAt", SoonIso(2)}});
  const auto token = Post(app, "/Tokens/Own", js::object{{"content", {{"a", 1}}}, {"expiresAt", SoonIso(2)}, {"ephemeral", false}});
  const auto lasting = Post(app, "/Tokens/Own",
                            js::object{{"content", {{"a", 2}}}, {"expiresAt", transport::testing::InOneDay()}, {"ephemeral", false}});
  const std::string template_id(tmpl.at("id").as_string());
  const std::string token_id(token.at("id").as_string());
  const std::string lasting_id(lasting.at("id").as_string());

  auto [fresh, fresh_output] = Check(false);
  EXPECT_EQ(fresh, 0) << fresh_output;
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));

  auto [warned, warned_output] = Check(false);
  EXPECT_EQ(warned, 1) << warned_output;
  EXPECT_NE(warned_output.find("WARN oldMaterial: 1 expired relationship template (" + template_id + " own"),
            std::string::npos)
      << warned_output;
  EXPECT_NE(warned_output.find("1 expired token (" + token_id + " own"), std::string::npos) << warned_output;
  EXPECT_EQ(warned_output.find(lasting_id), std::string::npos) << warned_output;

  auto [cleaned, cleaned_output] = Check(true);
  EXPECT_EQ(cleaned, 0) << cleaned_output;
  EXPECT_NE(cleaned_output.find("OK   oldMaterial: deleted 2 of 2"), std::string::npos) << cleaned_output;
  EXPECT_EQ(Status(app, "/RelationshipTemplates/" + template_id), 404);
  EXPECT_EQ(Status(app, "/Tokens/" + token_id), 404);
  EXPECT_EQ(Status(app, "/Tokens/" + lasting_id), 200);
  // The token is gone on the Backbone too. (The expired template the Backbone already refuses to
  // everyone, its owner's DELETE included: 404, which counts as gone.)
  auto& backbone_db = backbone_.app().context().db;
  EXPECT_FALSE(backbone_db.Get("tokens", token_id).has_value());
  EXPECT_TRUE(backbone_db.Get("tokens", lasting_id).has_value());
  EXPECT_TRUE(app.Stop());
}

TEST_F(CheckCommand, ASealedRecordThatNoLongerOpensIsNamed) {
  std::string token_id;
  {
    ConnectorApp app(Config());
    app.Start();
    token_id = std::string(
        Post(app, "/Tokens/Own", js::object{{"content", {{"a", 1}}}, {"expiresAt", transport::testing::InOneDay()}, {"ephemeral", false}})
            .at("id")
            .as_string());
    EXPECT_TRUE(app.Stop());
  }
  EXPECT_EQ(Check(false).first, 0);
  {  // One character of the token's sealed secrets changed.
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = (dir_ / "data" / "connector.db").string();
    auto db = storage::OpenDatabase(config);
    auto doc = db->Get("tokens", token_id).value();
    std::string sealed(doc.at("secrets").as_string());
    sealed[sealed.size() - 3] = sealed[sealed.size() - 3] == 'A' ? 'B' : 'A';
    doc["secrets"] = sealed;
    db->Replace("tokens", token_id, doc);
  }
  auto [code, output] = Check(false);
  EXPECT_EQ(code, 2) << output;
  const auto line = output.substr(output.find("FAIL keyMaterial: "));
  EXPECT_NE(line.find("tokens/" + token_id + "/secrets"), std::string::npos) << output;
  EXPECT_NE(line.find("error.connector.keyMaterial.cannotDecrypt"), std::string::npos) << output;
}

}  // namespace
}  // namespace nmshd::connector
