// The whole ConnectorApp against the in-process Backbone, with a transport-level peer sending it
// messages: a database restored from an older copy is refused at start with a message naming what
// is missing; with database.acceptStaleState it starts, syncs what the Backbone still has, and the
// next plain start is accepted again. Also: the state the connector publishes, and a database of a
// newer schema refused at start.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/js_json.h"
#include "config/connector_config.h"
#include "crypto/random.h"
#include "connector/app/connector_app.h"
#include "storage/open_database.h"
#include "transport/modules/relationships/relationship_channel.h"
#include "transport/modules/files_messages_test_support.h"
#include "transport/modules/state/state_marker.h"
#include "transport/modules/state/state_watermark.h"

namespace nmshd::connector {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;
using transport::testing::FileMessageNode;
using transport::testing::TestBackbone;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class StaleDatabase : public ::testing::Test {
 protected:
  StaleDatabase()
      : peer_(backbone_, "peer"),
        dir_(fs::temp_directory_path() / ("nmshd-stale-" + crypto::RandomString(10, "abcdefghijklmnopqrstuvwxyz"))) {}
  ~StaleDatabase() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path data() const { return dir_ / "data"; }
  fs::path database_file() const { return data() / "connector.db"; }

  config::ConnectorConfig Config(bool accept_stale = false) const {
    auto merged = config::ConnectorDefaults();
    merged["debug"] = true;
    merged["transportLibrary"] = js::object{{"baseUrl", backbone_.base_url()},
                                            {"platformClientId", transport::testing::kClientId},
                                            {"platformClientSecret", transport::testing::kClientSecret}};
    merged["database"] = js::object{{"driver", "sqlite"}, {"dbName", "connector"}, {"folder", data().string()}};
    if (accept_stale) merged["database"].as_object()["acceptStaleState"] = true;
    auto& http = merged["infrastructure"].as_object()["httpServer"].as_object();
    http["port"] = 0;
    http["address"] = "127.0.0.1";
    return config::ValidateConnectorConfig(std::move(merged));
  }

  static js::value Call(ConnectorApp& app, const std::string& method, const std::string& path,
                        const js::value& body = nullptr, int expected = 200) {
    httplib::Client client("127.0.0.1", app.port());
    client.set_read_timeout(30, 0);
    const auto target = "/api/core/v1" + path;
    const auto text = body.is_null() ? std::string("{}") : json::Stringify(body);
    auto res = method == "GET"    ? client.Get(target)
               : method == "PUT"  ? client.Put(target, text, "application/json")
                                  : client.Post(target, text, "application/json");
    if (!res) throw std::runtime_error(method + " " + path + ": no answer");
    if (res->status != expected) {
      throw std::runtime_error(method + " " + path + ": " + std::to_string(res->status) + " " + res->body);
    }
    return res->body.empty() ? js::value(nullptr) : json::Parse(res->body).as_object().at("result");
  }
  static void Sync(ConnectorApp& app) { Call(app, "POST", "/Account/Sync", nullptr, 204); }
  static std::size_t MessageCount(ConnectorApp& app) { return Call(app, "GET", "/Messages").as_array().size(); }

  // The connector offers a template, the peer asks for a relationship, the connector accepts.
  std::string Connect(ConnectorApp& app) {
    const auto own = Call(app, "POST", "/RelationshipTemplates/Own",
                          js::object{{"content", transport::testing::ArbitraryTemplateContent()},
                                     {"expiresAt", transport::testing::InOneDay()}},
                          201);
    const auto loaded = peer_.node.templates.LoadPeer(js::object{{"reference", own.at("reference").at("truncated")}});
    const auto requested = peer_.node.relationships.Create(
        js::object{{"templateId", loaded.at("id")}, {"creationContent", transport::testing::ArbitraryCreationContent()}});
    const std::string id(requested.at("id").as_string());
    Sync(app);
    Call(app, "PUT", "/Relationships/" + id + "/Accept");
    peer_.sync().SyncEverything();
    return std::string(Call(app, "GET", "/Account/IdentityInfo").at("address").as_string());
  }

  void PeerSends(const std::string& to, int count, const std::string& subject) {
    for (int i = 0; i < count; ++i) {
      peer_.messages.Send(js::object{{"recipients", js::array{to.c_str()}},
                                     {"content", transport::testing::MailTo(to, subject + " " + std::to_string(i))}});
    }
  }

  // The state the Backbone holds for the connector, read as the connector's own device would (the
  // connector is stopped: its database is opened here).
  std::optional<transport::StateMarkerRecord> BackboneRecord() {
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = database_file().string();
    auto db = storage::OpenDatabase(config);
    transport::SecretBox box(transport::MasterKey::FromText(ReadText(data() / "connector.masterkey")));
    transport::BackboneClientOptions options;
    options.base_url = backbone_.base_url();
    options.client_id = transport::testing::kClientId;
    options.client_secret = transport::testing::kClientSecret;
    transport::BackboneClient client(options);
    const auto account = transport::Account::OpenOrRegister(
        *db, box, client, transport::AccountOptions{false, "localhost", options.client_id, options.client_secret});
    transport::StateMarker marker(client, account.DeriveKey(1, transport::StateMarker::kKeyContext));
    return marker.FetchNewest();
  }
  transport::StateSummary LocalState() {
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = database_file().string();
    auto db = storage::OpenDatabase(config);
    return transport::StateWatermark::Read(*db);
  }

  // The transmit counter of the (only) relationship, read from the database file (SQLite lets a
  // reader in while the connector runs).
  std::uint64_t TransmitCounter() {
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = database_file().string();
    auto db = storage::OpenDatabase(config);
    transport::SecretBox box(transport::MasterKey::FromText(ReadText(data() / "connector.masterkey")));
    auto tx = db->Begin(storage::TransactionMode::kReadOnly);
    const auto relationships = tx->Find("relationships", storage::Query());
    if (relationships.size() != 1) throw std::runtime_error("expected one relationship");
    const auto channel = transport::LoadRelationshipChannel(*tx, box, relationships.front().id);
    if (!channel) throw std::runtime_error("the relationship has no secrets");
    return channel->secrets.parts().transmit_state.counter();
  }

  void CopyDatabase(const fs::path& from_dir, const fs::path& to_dir) {
    fs::create_directories(to_dir);
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const auto target = to_dir / (std::string("connector.db") + suffix);
      fs::remove(target);
      const auto source = from_dir / (std::string("connector.db") + suffix);
      if (fs::exists(source)) fs::copy_file(source, target);
    }
  }

  TestBackbone backbone_;
  FileMessageNode peer_;
  fs::path dir_;
};

TEST_F(StaleDatabase, ARestoredOlderCopyIsRefusedUntilTheLossIsAccepted) {
  std::string address;
  {
    ConnectorApp app(Config());
    app.Start();
    address = Connect(app);
    PeerSends(address, 2, "before the backup");
    Sync(app);
    EXPECT_EQ(MessageCount(app), 2u);
    EXPECT_TRUE(app.Stop());
  }
  // (a) The connector published its state: the Backbone's record equals the database's.
  const auto at_backup = LocalState();
  EXPECT_GE(at_backup.watermark, 4);  // template, relationship twice, messages
  EXPECT_EQ(at_backup.messages, 2u);
  auto record = BackboneRecord();
  ASSERT_TRUE(record.has_value());
  ASSERT_TRUE(record->summary.has_value());
  EXPECT_EQ(record->summary->watermark, at_backup.watermark);
  EXPECT_EQ(record->summary->messages, 2u);
  EXPECT_EQ(record->summary->relationships, 1u);

  CopyDatabase(data(), dir_ / "backup");

  {  // More traffic after the backup; the plain restart is not refused.
    ConnectorApp app(Config());
    app.Start();
    PeerSends(address, 3, "after the backup");
    Sync(app);
    EXPECT_EQ(MessageCount(app), 5u);
    EXPECT_TRUE(app.Stop());
  }
  const auto newest = LocalState();
  EXPECT_GT(newest.watermark, at_backup.watermark);
  EXPECT_EQ(BackboneRecord()->summary->watermark, newest.watermark);

  // (b) The backup is put back: the start is refused, naming what is missing.
  CopyDatabase(dir_ / "backup", data());
  {
    ConnectorApp app(Config());
    try {
      app.Start();
      ADD_FAILURE() << "a stale database was accepted";
    } catch (const CodedError& e) {
      EXPECT_EQ(e.code(), "error.connector.database.stale");
      const std::string message = e.what();
      EXPECT_NE(message.find("the Backbone knows state #" + std::to_string(newest.watermark)), std::string::npos)
          << message;
      EXPECT_NE(message.find("this database is at state #" + std::to_string(at_backup.watermark)), std::string::npos)
          << message;
      EXPECT_NE(message.find("among them 3 messages"), std::string::npos) << message;
      EXPECT_NE(message.find("database.acceptStaleState=true"), std::string::npos) << message;
      EXPECT_NE(message.find("--accept-stale-database"), std::string::npos) << message;
    }
  }
  EXPECT_EQ(LocalState().watermark, at_backup.watermark);  // the refused start changed nothing

  // (c) Accepting the loss: it starts, and syncs what the Backbone still has (the 3 acknowledged
  // messages are gone for good, a new one arrives).
  const auto counter_before_override = TransmitCounter();
  {
    ConnectorApp app(Config(/*accept_stale=*/true));
    app.Start();
    EXPECT_EQ(MessageCount(app), 2u);
    PeerSends(address, 1, "after the restore");
    Sync(app);
    EXPECT_EQ(MessageCount(app), 3u);
    // The lost newer state may have sent with the counters this copy would use next: the override
    // moved them far ahead, and the peer still reads what we send.
    EXPECT_EQ(TransmitCounter(), counter_before_override + transport::kRestoredCounterSkip);
    const auto sent = Call(app, "POST", "/Messages",
                           js::object{{"recipients", js::array{peer_.address().c_str()}},
                                      {"content", transport::testing::MailTo(peer_.address(), "after the override")}},
                           201);
    peer_.sync().SyncEverything();
    const auto received = peer_.messages.GetDto(std::string(sent.at("id").as_string()));
    EXPECT_EQ(received.at("content").at("subject"), "after the override");
    EXPECT_TRUE(app.Stop());
  }
  const auto after_override = LocalState();
  EXPECT_GT(after_override.watermark, newest.watermark);
  EXPECT_EQ(BackboneRecord()->summary->watermark, after_override.watermark);

  {  // The next plain start is accepted again.
    ConnectorApp app(Config());
    EXPECT_NO_THROW(app.Start());
    EXPECT_EQ(MessageCount(app), 4u);  // 3 received + the one sent after the override
  }
}

TEST_F(StaleDatabase, AFreshConnectorIsNotStaleAndPublishesOnlyOnceSomethingHappened) {
  {
    ConnectorApp app(Config());
    app.Start();
    EXPECT_TRUE(app.Stop());
  }
  EXPECT_EQ(LocalState().watermark, 0);
  EXPECT_FALSE(BackboneRecord().has_value());
  {
    ConnectorApp app(Config());
    app.Start();
    Call(app, "POST", "/RelationshipTemplates/Own",
         js::object{{"content", transport::testing::ArbitraryTemplateContent()},
                    {"expiresAt", transport::testing::InOneDay()}},
         201);
    EXPECT_TRUE(app.Stop());
  }
  const auto record = BackboneRecord();
  ASSERT_TRUE(record.has_value() && record->summary.has_value());
  EXPECT_EQ(record->summary->watermark, 1);
  EXPECT_EQ(record->summary->templates, 1u);
}

TEST_F(StaleDatabase, ADatabaseOfANewerSchemaIsRefusedAtStart) {
  {
    fs::create_directories(data());
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = database_file().string();
    auto db = storage::OpenDatabase(config);
    db->WithTransaction([](storage::Transaction& tx) { tx.WriteSchemaVersion(99); });
  }
  ConnectorApp app(Config());
  try {
    app.Start();
    ADD_FAILURE() << "a database of a newer schema was accepted";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.storage.schemaTooNew");
    EXPECT_NE(std::string(e.what()).find("written by a newer connector (schema version 99"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace nmshd::connector
