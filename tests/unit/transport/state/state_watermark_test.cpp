// The state watermark in the database: which writes move it (through storage::StampWrites, as the
// connector wires it), that it moves once per transaction and not at all on rollback, when the
// commit hook fires, and what Read() counts.
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <vector>

#include "crypto/random.h"
#include "storage/open_database.h"
#include "storage/schema_migrator.h"
#include "storage/stamped_database.h"
#include "transport/modules/files/files.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/schema/transport_schema.h"
#include "transport/modules/state/state_watermark.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/modules/tokens/tokens.h"

namespace nmshd::transport {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;

class StateWatermarkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nmshd-watermark-" + crypto::RandomString(10, "abcdefghijklmnopqrstuvwxyz"));
    fs::create_directories(dir_);
    storage::DatabaseConfig config;
    config.driver = "sqlite";
    config.path = (dir_ / "connector.db").string();
    auto raw = storage::OpenDatabase(config);
    storage::MigrateSchema(*raw, TransportMigrations());
    db_ = storage::StampWrites(std::move(raw), StateWatermark::MakeStamp([this](std::int64_t value) {
      std::lock_guard lock(mutex_);
      committed_.push_back(value);
    }));
  }
  void TearDown() override {
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::vector<std::int64_t> Committed() {
    std::lock_guard lock(mutex_);
    return committed_;
  }

  fs::path dir_;
  std::unique_ptr<storage::Database> db_;
  std::mutex mutex_;
  std::vector<std::int64_t> committed_;
};

TEST_F(StateWatermarkTest, AMigratedDatabaseStartsAtZeroWithNothingCounted) {
  const auto summary = StateWatermark::Read(*db_);
  EXPECT_EQ(summary.watermark, 0);
  EXPECT_EQ(summary.messages, 0u);
  EXPECT_FALSE(summary.acknowledged_event_index.has_value());
  EXPECT_TRUE(Committed().empty());
}

TEST_F(StateWatermarkTest, EveryBackboneVisibleCollectionMovesItOncePerTransaction) {
  const std::vector<std::string_view> counted = {Messages::kCollection,  Relationships::kCollection,
                                                 RelationshipTemplates::kCollection, Tokens::kCollection,
                                                 Files::kCollection,     SyncEngine::kLedger};
  std::int64_t expected = 0;
  for (const auto collection : counted) {
    db_->Insert(collection, "X1", js::object{{"n", 1}});
    EXPECT_EQ(StateWatermark::Read(*db_).watermark, ++expected) << collection;
  }
  // Three writes in one transaction (insert, replace, delete) are one change.
  db_->WithTransaction([](storage::Transaction& tx) {
    tx.Insert(Messages::kCollection, "X2", js::object{{"n", 2}});
    tx.Replace(Relationships::kCollection, "X1", js::object{{"n", 3}});
    tx.Delete(Tokens::kCollection, "X1");
  });
  ++expected;
  EXPECT_EQ(StateWatermark::Read(*db_).watermark, expected);
  std::vector<std::int64_t> all;
  for (std::int64_t v = 1; v <= expected; ++v) all.push_back(v);
  EXPECT_EQ(Committed(), all);
}

TEST_F(StateWatermarkTest, LocalBookkeepingDoesNotMoveIt) {
  db_->Upsert(SyncEngine::kStateCollection, "lastRun", js::object{{"completedAt", "2026-01-01T00:00:00.000Z"}});
  db_->Upsert("account", "self", js::object{{"address", "did:e:x"}});
  EXPECT_EQ(StateWatermark::Read(*db_).watermark, 0);
  EXPECT_TRUE(Committed().empty());
}

TEST_F(StateWatermarkTest, ARolledBackChangeTakesItsStampAlong) {
  EXPECT_THROW(db_->WithTransaction([](storage::Transaction& tx) {
    tx.Insert(Messages::kCollection, "X1", js::object{{"n", 1}});
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  EXPECT_EQ(StateWatermark::Read(*db_).watermark, 0);
  EXPECT_FALSE(db_->Get(Messages::kCollection, "X1").has_value());
  EXPECT_TRUE(Committed().empty());
  db_->Insert(Messages::kCollection, "X1", js::object{{"n", 1}});
  EXPECT_EQ(StateWatermark::Read(*db_).watermark, 1);
  EXPECT_EQ(Committed(), std::vector<std::int64_t>{1});
}

TEST_F(StateWatermarkTest, ReadCountsWhatTheDatabaseHolds) {
  for (int i = 0; i < 3; ++i) db_->Insert(Messages::kCollection, "M" + std::to_string(i), js::object{});
  db_->Insert(Relationships::kCollection, "R", js::object{});
  db_->Insert(RelationshipTemplates::kCollection, "T1", js::object{});
  db_->Insert(RelationshipTemplates::kCollection, "T2", js::object{});
  db_->Insert(Files::kCollection, "F", js::object{});
  db_->Upsert(SyncEngine::kStateCollection, SyncEngine::kAcknowledgedEvents, js::object{{"index", 17}});
  const auto s = StateWatermark::Read(*db_);
  EXPECT_EQ(s.watermark, 7);
  EXPECT_EQ(s.messages, 3u);
  EXPECT_EQ(s.relationships, 1u);
  EXPECT_EQ(s.templates, 2u);
  EXPECT_EQ(s.tokens, 0u);
  EXPECT_EQ(s.files, 1u);
  EXPECT_EQ(s.acknowledged_event_index, 17);
  EXPECT_FALSE(s.changed_at.empty());
}

TEST_F(StateWatermarkTest, RaiseToOnlyEverRaises) {
  db_->Insert(Messages::kCollection, "M", js::object{});
  EXPECT_EQ(StateWatermark::RaiseTo(*db_, 40), 40);
  EXPECT_EQ(StateWatermark::RaiseTo(*db_, 12), 40);
  db_->Insert(Messages::kCollection, "M2", js::object{});
  EXPECT_EQ(StateWatermark::Read(*db_).watermark, 41);
}

TEST_F(StateWatermarkTest, ReadOnlyTransactionsPassThrough) {
  db_->Insert(Messages::kCollection, "M", js::object{{"n", 5}});
  auto tx = db_->Begin(storage::TransactionMode::kReadOnly);
  EXPECT_EQ(tx->Get(Messages::kCollection, "M")->at("n").as_int64(), 5);
  EXPECT_THROW(tx->Insert(Messages::kCollection, "N", js::object{}), CodedError);
}

}  // namespace
}  // namespace nmshd::transport
