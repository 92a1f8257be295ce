// Schema versions of the connector database: a database written by every earlier schema version
// (checked in under tests/data/, written by the binaries of that time, see generate.sh there) opens
// with today's code, migrates, and still holds its data: the identity with its sealed secrets, the
// relationship, the messages both ways, the own template and file. A database newer than this
// binary is refused.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/js_json.h"
#include "crypto/random.h"
#include "storage/open_database.h"
#include "storage/schema_migrator.h"
#include "transport/modules/files/files.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/schema/transport_schema.h"
#include "transport/modules/state/state_watermark.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/modules/tokens/tokens.h"

namespace nmshd::transport {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;

fs::path SourceDir() {
  const char* dir = std::getenv("NMSHD_SOURCE_DIR");
  return dir != nullptr ? fs::path(dir) : fs::current_path();  // ctest sets it (nmshd_test)
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class SchemaMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nmshd-schema-" + crypto::RandomString(10, "abcdefghijklmnopqrstuvwxyz"));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::unique_ptr<storage::Database> Open(const fs::path& file) {
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = file.string();
    return storage::OpenDatabase(config);
  }

  fs::path dir_;
};

// Schema 1 as the connector wrote it before schema versions existed (stored version 0).
TEST_F(SchemaMigration, ADatabaseOfSchemaOneOpensMigratesAndKeepsItsData) {
  const auto fixture = SourceDir() / "tests/data/connector-schema-v1";
  ASSERT_TRUE(fs::exists(fixture / "connector.sqlite")) << fixture;
  fs::copy_file(fixture / "connector.sqlite", dir_ / "connector.db");
  const auto manifest = json::Parse(ReadText(fixture / "manifest.json"), "manifest").as_object();
  auto str = [&](std::string_view key) { return std::string(manifest.at(key).as_string()); };

  auto db = Open(dir_ / "connector.db");
  EXPECT_EQ(db->SchemaVersion(), 0);
  EXPECT_EQ(storage::MigrateSchema(*db, TransportMigrations()), TransportSchemaVersion());
  EXPECT_EQ(db->SchemaVersion(), 2);
  const auto watermark = db->Get(StateWatermark::kCollection, StateWatermark::kCurrent);
  ASSERT_TRUE(watermark.has_value());
  EXPECT_EQ(watermark->at("value").as_int64(), 0);
  // Migrating again changes nothing.
  EXPECT_EQ(storage::MigrateSchema(*db, TransportMigrations()), 2);

  // The identity and its sealed secrets, with the key file of that time.
  SecretBox box(MasterKey::FromText(ReadText(fixture / "connector.masterkey")));
  BackboneClientOptions options;
  options.base_url = "http://localhost:9";  // nothing here may need the Backbone
  options.client_id = "test";
  options.client_secret = "test-secret";
  BackboneClient client(options);
  const auto account = Account::OpenOrRegister(*db, box, client, AccountOptions{false, "localhost", "test", "test-secret"});
  EXPECT_EQ(account.address(), str("address"));

  NullEventSink sink;
  TagCollectionCache tags(client);
  TransportContext ctx{*db, client, account, box, sink, options.base_url, tags};
  RelationshipTemplates templates(ctx);
  Tokens tokens(ctx);
  Relationships relationships(ctx, templates);
  Files files(ctx, tokens);
  Messages messages(ctx, files);

  const auto relationship = relationships.Get(str("relationship"));
  EXPECT_EQ(relationship.at("status").as_string(), "Active");
  EXPECT_EQ(relationship.at("peer").as_string(), str("peer"));

  EXPECT_TRUE(templates.Get(str("ownTemplate")).is_own);  // opens its sealed template key
  EXPECT_EQ(templates.GetDto(str("ownTemplate")).at("content").at("value").at("offer").as_string(), "schema v1");

  int n = 0;
  for (const auto& id : manifest.at("receivedMessages").as_array()) {
    const auto dto = messages.GetDto(std::string(id.as_string()));
    ++n;
    EXPECT_EQ(dto.at("createdBy").as_string(), str("peer"));
    EXPECT_EQ(dto.at("content").at("subject").as_string(), "v1 message " + std::to_string(n));
  }
  const auto sent = messages.GetDto(str("sentMessage"));
  EXPECT_EQ(sent.at("createdBy").as_string(), str("address"));
  EXPECT_EQ(sent.at("content").at("subject").as_string(), "v1 reply");

  const auto file = files.GetDto(str("ownFile"));
  EXPECT_EQ(file.at("filename").as_string(), "generate.sh");
  EXPECT_EQ(file.at("title").as_string(), "the generator");
  EXPECT_TRUE(file.at("isOwn").as_bool());

  // What the start check compares: the counts of that database.
  const auto summary = StateWatermark::Read(*db);
  EXPECT_EQ(summary.watermark, 0);
  EXPECT_EQ(summary.messages, 3u);
  EXPECT_EQ(summary.relationships, 1u);
}

TEST_F(SchemaMigration, ANewDatabaseGetsTheCurrentVersion) {
  auto db = Open(dir_ / "new.db");
  EXPECT_EQ(storage::MigrateSchema(*db, TransportMigrations()), TransportSchemaVersion());
  EXPECT_EQ(StateWatermark::Read(*db).watermark, 0);
}

TEST_F(SchemaMigration, ADatabaseOfANewerSchemaIsRefusedAndLeftAlone) {
  auto db = Open(dir_ / "newer.db");
  db->WithTransaction([](storage::Transaction& tx) {
    tx.WriteSchemaVersion(TransportSchemaVersion() + 1);
    tx.Insert("messages", "MSGfuture", js::object{{"shape", "unknown"}});
  });
  try {
    storage::MigrateSchema(*db, TransportMigrations());
    ADD_FAILURE() << "a newer schema was accepted";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.storage.schemaTooNew");
  }
  EXPECT_EQ(db->SchemaVersion(), TransportSchemaVersion() + 1);
  EXPECT_FALSE(db->Get(StateWatermark::kCollection, StateWatermark::kCurrent).has_value());
}

}  // namespace
}  // namespace nmshd::transport
