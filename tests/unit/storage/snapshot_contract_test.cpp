// The snapshot contract (Database::ExportSnapshot / ImportSnapshot / CheckIntegrity, snapshot.h) on
// every backend, selected like document_store_contract_test.cpp: NMSHD_TEST_STORAGE_BACKEND=postgres
// runs against the pg fixture server (fresh schemas), otherwise SQLite on temporary files. Under
// PostgreSQL the cross-backend tests move data SQLite -> PostgreSQL -> SQLite.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <random>
#include <set>
#include <thread>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "storage/document_store.h"
#include "storage/open_database.h"

namespace nmshd::storage {
namespace {

namespace js = boost::json;

std::string CodeOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const CodedError& e) {
    return e.code();
  }
  return "no error";
}

std::string RandomSuffix() {
  static std::mt19937_64 rng{std::random_device{}()};
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  return std::to_string(rng() % 1000000000000ULL);
}

bool UsePostgres() {
  const char* backend = std::getenv("NMSHD_TEST_STORAGE_BACKEND");
  return backend != nullptr && std::string(backend) == "postgres";
}

// Everything a snapshot carries, in order of arrival.
struct RecordingSink final : SnapshotSink {
  std::map<std::string, std::string> meta;
  std::map<std::string, std::int64_t> sequences;
  std::map<std::pair<std::string, std::string>, std::string> documents;
  void Meta(std::string_view key, std::string_view value) override { meta[std::string(key)] = std::string(value); }
  void Sequence(std::string_view key, std::int64_t value) override { sequences[std::string(key)] = value; }
  void Document(std::string_view collection, std::string_view id, std::string_view json) override {
    documents[{std::string(collection), std::string(id)}] = std::string(json);
  }
  // Replays everything into another sink (an import).
  void ReplayInto(SnapshotSink& sink) const {
    for (const auto& [k, v] : meta) sink.Meta(k, v);
    for (const auto& [k, v] : sequences) sink.Sequence(k, v);
    for (const auto& [k, v] : documents) sink.Document(k.first, k.second, v);
  }
};

class SnapshotContract : public ::testing::Test {
 protected:
  void SetUp() override {
    if (UsePostgres()) {
      const char* uri_file = std::getenv("NMSHD_TEST_PG_URI_FILE");
      ASSERT_NE(uri_file, nullptr) << "NMSHD_TEST_PG_URI_FILE is not set";
      std::ifstream in(uri_file);
      std::getline(in, pg_uri_);
      ASSERT_FALSE(pg_uri_.empty()) << "empty PostgreSQL URI file " << uri_file;
    }
    dir_ = std::filesystem::temp_directory_path() / ("nmshd-snapshot-" + RandomSuffix());
    std::filesystem::create_directories(dir_);
  }

  void TearDown() override {
    open_.clear();
    for (const auto& schema : schemas_) {
      pqxx::connection c(pg_uri_);
      pqxx::work w(c);
      w.exec("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      w.commit();
    }
    std::filesystem::remove_all(dir_);
  }

  // A new, empty database of the backend under test.
  Database& Fresh() { return UsePostgres() ? FreshPostgres() : FreshSqlite(); }

  Database& FreshSqlite() {
    DatabaseConfig config;
    config.driver = "sqlite";
    config.path = (dir_ / ("db" + std::to_string(open_.size()) + ".db")).string();
    open_.push_back(OpenDatabase(config));
    return *open_.back();
  }

  Database& FreshPostgres() {
    DatabaseConfig config;
    config.driver = "postgres";
    config.connection_string = pg_uri_;
    config.schema = "s_" + RandomSuffix();
    schemas_.push_back(config.schema);
    open_.push_back(OpenDatabase(config));
    return *open_.back();
  }

  static void Fill(Database& db) {
    db.Insert("items", "doc-1", js::parse(R"({"z":1,"a":{"y":[1,2.5,-3],"b":null},"text":"Grüße 😀 \"q\" \\ \n"})").as_object());
    db.Insert("items", "doc-2", js::parse(R"({"big":9007199254740991,"t":true,"e":{},"arr":[]})").as_object());
    db.Insert("other", "x", js::parse(R"({"status":"Pending"})").as_object());
    for (int i = 0; i < 3; ++i) db.NextSequenceValue("counter:a");
    db.NextSequenceValue("counter:b");
    db.WithTransaction([](Transaction& tx) { tx.WriteSchemaVersion(3); });
  }

  static void ExpectSameContent(Database& source, Database& copy) {
    RecordingSink a;
    RecordingSink b;
    source.ExportSnapshot(a);
    copy.ExportSnapshot(b);
    EXPECT_EQ(a.meta, b.meta);
    EXPECT_EQ(a.sequences, b.sequences);
    EXPECT_EQ(a.documents, b.documents);
  }

  static void Copy(Database& from, Database& to, ImportMode mode = ImportMode::kIntoEmpty) {
    to.ImportSnapshot([&](SnapshotSink& sink) { from.ExportSnapshot(sink); }, mode);
  }

  std::string pg_uri_;
  std::filesystem::path dir_;
  std::vector<std::string> schemas_;
  std::vector<std::unique_ptr<Database>> open_;
};

TEST_F(SnapshotContract, ExportCarriesDocumentsExactlySequencesAndSchemaVersionButNotTheLayout) {
  auto& db = Fresh();
  Fill(db);
  RecordingSink sink;
  db.ExportSnapshot(sink);
  EXPECT_EQ(sink.meta, (std::map<std::string, std::string>{{"schemaVersion", "3"}}));
  EXPECT_EQ(sink.sequences, (std::map<std::string, std::int64_t>{{"counter:a", 2}, {"counter:b", 0}}));
  ASSERT_EQ(sink.documents.size(), 3u);
  // The exact text as stored: key order, unicode and escapes untouched.
  EXPECT_EQ(sink.documents.at({"items", "doc-1"}),
            json::Stringify(*db.Get("items", "doc-1")));
  EXPECT_EQ(sink.documents.at({"items", "doc-1"}).substr(0, 6), "{\"z\":1");
  EXPECT_EQ(sink.documents.at({"other", "x"}), R"({"status":"Pending"})");
}

TEST_F(SnapshotContract, ImportIntoAnEmptyDatabaseReproducesEverything) {
  auto& source = Fresh();
  Fill(source);
  auto& target = Fresh();
  Copy(source, target);
  ExpectSameContent(source, target);
  EXPECT_EQ(target.SchemaVersion(), 3);
  // Sequences continue where they were, and documents are queryable as usual.
  EXPECT_EQ(target.NextSequenceValue("counter:a"), 3);
  EXPECT_EQ(target.Count("items"), 2u);
  EXPECT_EQ(target.Find("items", Query().Where(Condition::Equals("t", true))).size(), 1u);
  EXPECT_TRUE(target.CheckIntegrity().empty());
}

TEST_F(SnapshotContract, ImportRefusesADatabaseWithDataAndReplaceSwapsTheContent) {
  auto& source = Fresh();
  Fill(source);
  auto& target = Fresh();
  target.Insert("items", "local", js::object{{"keep", true}});
  EXPECT_EQ(CodeOf([&] { Copy(source, target); }), "error.storage.notEmpty");
  EXPECT_TRUE(target.Get("items", "local").has_value());
  EXPECT_EQ(target.Count("items"), 1u);

  Copy(source, target, ImportMode::kReplace);
  EXPECT_FALSE(target.Get("items", "local").has_value());
  ExpectSameContent(source, target);
  // A sequence only the target had is gone too.
  auto& with_sequence = Fresh();
  with_sequence.NextSequenceValue("only-here");
  EXPECT_EQ(CodeOf([&] { Copy(source, with_sequence); }), "error.storage.notEmpty");
}

TEST_F(SnapshotContract, AFailingProducerLeavesTheTargetUntouched) {
  auto& target = Fresh();
  EXPECT_EQ(CodeOf([&] {
              target.ImportSnapshot(
                  [](SnapshotSink& sink) {
                    sink.Document("items", "a", R"({"n":1})");
                    sink.Sequence("s", 5);
                    throw CodedError("error.backup.truncated", "simulated end of file");
                  },
                  ImportMode::kIntoEmpty);
            }),
            "error.backup.truncated");
  EXPECT_EQ(target.Count("items"), 0u);
  EXPECT_EQ(target.NextSequenceValue("s"), 0);
}

TEST_F(SnapshotContract, ImportRejectsMalformedRecords) {
  auto& target = Fresh();
  auto import_one = [&](std::string collection, std::string id, std::string json) {
    return CodeOf([&] {
      target.ImportSnapshot([&](SnapshotSink& sink) { sink.Document(collection, id, json); }, ImportMode::kIntoEmpty);
    });
  };
  EXPECT_EQ(import_one("bad name", "a", "{}"), "error.storage.invalidCollection");
  EXPECT_EQ(import_one("items", "", "{}"), "error.storage.invalidId");
  EXPECT_NE(import_one("items", "a", "[1]"), "no error");
  EXPECT_NE(import_one("items", "a", "{not json"), "no error");
  EXPECT_EQ(target.Count("items"), 0u);
}

// Writers keep committing pairs (a<i>, b<i>) in one transaction each while the export runs: the
// snapshot holds both documents of every pair or neither, i.e. one point in time.
TEST_F(SnapshotContract, ExportWhileWritersCommitSeesOnePointInTime) {
  auto& db = Fresh();
  std::atomic<bool> stop{false};
  std::atomic<int> committed{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      db.WithTransaction([&](Transaction& tx) {
        tx.Insert("pairs", "a" + std::to_string(i), js::object{{"i", i}});
        tx.NextSequenceValue("pairs");
        tx.Insert("pairs", "b" + std::to_string(i), js::object{{"i", i}});
      });
      ++committed;
    }
  });
  while (committed < 20) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::vector<RecordingSink> snapshots(3);
  for (auto& s : snapshots) db.ExportSnapshot(s);
  stop = true;
  writer.join();
  for (const auto& s : snapshots) {
    std::set<std::string> a;
    std::set<std::string> b;
    for (const auto& [key, json] : s.documents) {
      (key.second[0] == 'a' ? a : b).insert(key.second.substr(1));
    }
    EXPECT_EQ(a, b);
    EXPECT_GE(a.size(), 20u);
    // The sequence was incremented in the same transactions.
    ASSERT_TRUE(s.sequences.count("pairs"));
    EXPECT_EQ(static_cast<std::size_t>(s.sequences.at("pairs") + 1), a.size());
  }
}

TEST_F(SnapshotContract, AcrossBackendsTheContentSurvivesBothWays) {
  if (!UsePostgres()) GTEST_SKIP() << "needs the PostgreSQL run (pg. variant)";
  auto& sqlite_source = FreshSqlite();
  Fill(sqlite_source);
  auto& postgres = FreshPostgres();
  Copy(sqlite_source, postgres);
  ExpectSameContent(sqlite_source, postgres);
  postgres.Insert("items", "added-in-pg", js::object{{"n", 1}});
  auto& sqlite_again = FreshSqlite();
  Copy(postgres, sqlite_again);
  ExpectSameContent(postgres, sqlite_again);
  EXPECT_TRUE(sqlite_again.Get("items", "added-in-pg").has_value());
  EXPECT_EQ(sqlite_again.SchemaVersion(), 3);
}

TEST_F(SnapshotContract, IntegrityCheckOfAHealthyDatabaseFindsNothingAndDescribeNamesNoSecret) {
  auto& db = Fresh();
  Fill(db);
  EXPECT_TRUE(db.CheckIntegrity().empty());
  const auto where = db.Describe();
  EXPECT_EQ(where.rfind(std::string(db.driver()), 0), 0u) << where;
  EXPECT_EQ(where.find("postgresql://"), std::string::npos) << where;
}

TEST_F(SnapshotContract, SqliteExportLeavesNoTemporaryCopyBehind) {
  if (UsePostgres()) GTEST_SKIP() << "SQLite only";
  auto& db = FreshSqlite();
  Fill(db);
  RecordingSink sink;
  db.ExportSnapshot(sink);
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".snapshot-"), std::string::npos) << entry.path();
  }
}

TEST_F(SnapshotContract, SqliteExportOfADamagedFileFailsWithAnIntegrityError) {
  if (UsePostgres()) GTEST_SKIP() << "SQLite only";
  DatabaseConfig config;
  config.driver = "sqlite";
  config.path = (dir_ / "damaged.db").string();
  {
    auto db = OpenDatabase(config);
    // Enough rows for several b-tree pages of the documents table and its primary key index.
    db->WithTransaction([](Transaction& tx) {
      for (int i = 0; i < 400; ++i) {
        tx.Insert("items", "id-" + std::to_string(i), js::object{{"text", std::string(200, 'x')}});
      }
    });
  }
  // Zero a page in the middle of the file (no WAL left after a clean close): the b-tree loses a page.
  {
    std::fstream file(config.path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096 * 10);
    const std::string zeros(4096, '\0');
    file.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
  }
  std::string code;
  try {
    auto db = OpenDatabase(config);
    RecordingSink sink;
    db->ExportSnapshot(sink);
    code = "no error";
  } catch (const CodedError& e) {
    code = e.code();
  }
  EXPECT_TRUE(code == "error.storage.integrity" || code == "error.storage.backend") << code;
}

}  // namespace
}  // namespace nmshd::storage
