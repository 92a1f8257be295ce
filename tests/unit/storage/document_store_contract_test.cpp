// The storage contract: the same tests against every backend. The backend is chosen by the
// environment: NMSHD_TEST_STORAGE_BACKEND=postgres runs against the PostgreSQL server whose URI is in
// the file named by NMSHD_TEST_PG_URI_FILE (each test in its own fresh schema); otherwise SQLite on
// a fresh temporary file. A missing PostgreSQL URI FAILS the tests (CI always provides the server).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <pqxx/pqxx>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "storage/document_store.h"
#include "storage/filter_syntax.h"
#include "storage/open_database.h"
#include "storage/schema_migrator.h"

namespace nmshd::storage {
namespace {

namespace json = boost::json;

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

class DocumentStoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    if (UsePostgres()) {
      const char* uri_file = std::getenv("NMSHD_TEST_PG_URI_FILE");
      ASSERT_NE(uri_file, nullptr) << "NMSHD_TEST_PG_URI_FILE is not set";
      std::ifstream in(uri_file);
      ASSERT_TRUE(in) << "cannot read PostgreSQL URI file " << uri_file;
      std::getline(in, pg_uri_);
      ASSERT_FALSE(pg_uri_.empty()) << "empty PostgreSQL URI file " << uri_file;
      config_.driver = "postgres";
      config_.connection_string = pg_uri_;
      config_.schema = "t_" + RandomSuffix();
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("nmshd-storage-" + RandomSuffix());
      std::filesystem::create_directories(dir_);
      config_.driver = "sqlite";
      config_.path = (dir_ / "test.db").string();
    }
    db_ = OpenDatabase(config_);
  }

  void TearDown() override {
    db_.reset();
    if (!pg_uri_.empty() && !config_.schema.empty()) {
      pqxx::connection c(pg_uri_);
      pqxx::work w(c);
      w.exec("DROP SCHEMA IF EXISTS \"" + config_.schema + "\" CASCADE");
      w.commit();
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::vector<std::string> Ids(const Query& query, std::string_view collection = "items") {
    std::vector<std::string> ids;
    for (auto& d : db_->Find(collection, query)) ids.push_back(d.id);
    if (query.sort.empty()) std::sort(ids.begin(), ids.end());
    // Count must agree with Find whenever there is no paging.
    if (!query.limit && query.offset == 0) {
      EXPECT_EQ(db_->Count(collection, query.filter), ids.size());
    }
    return ids;
  }

  std::vector<std::string> Ids(Condition c) { return Ids(Query().Where(std::move(c))); }

  void InsertSample() {
    db_->Insert("items", "a", json::parse(R"({"content":{"value":{"@type":"GivenName","value":"Alice"}},
      "status":"Pending","createdAt":"2025-01-01T10:00:00.000Z","n":5,"flag":true,"tags":["x","y"]})").as_object());
    db_->Insert("items", "b", json::parse(R"({"content":{"value":{"@type":"Surname","value":"Bob"}},
      "status":"Rejected","createdAt":"2025-02-01T00:00:00.000Z","n":10,"flag":false,"tags":["y"]})").as_object());
    db_->Insert("items", "c", json::parse(R"({"content":{"value":{"@type":"GivenName","value":"alina"}},
      "status":"Active","createdAt":"2024-12-31T23:59:59.999Z","n":"10","nullable":null})").as_object());
    db_->Insert("items", "d", json::parse(R"({"status":"Pending","n":2.5})").as_object());
    db_->Insert("other", "a", json::parse(R"({"status":"Pending"})").as_object());  // never in "items" results
  }

  using V = std::vector<std::string>;

  DatabaseConfig config_;
  std::string pg_uri_;
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DocumentStoreContract, CrudRoundTripKeepsNestedJsonUnicodeAndKeyOrder) {
  const auto doc = json::parse(R"({"z":1,"a":{"y":[1,2.5,-3,{"k":"v"}],"b":null,"@type":"X"},
    "text":"Grüße 😀 日本 \"quoted\" \\ \n","big":9007199254740991,"t":true,"f":false,"e":{},"arr":[]})")
                       .as_object();
  db_->Insert("items", "doc-1", doc);
  auto got = db_->Get("items", "doc-1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, doc);
  EXPECT_EQ(nmshd::json::Stringify(*got), nmshd::json::Stringify(doc));  // same key order, same bytes

  EXPECT_FALSE(db_->Get("items", "missing").has_value());
  EXPECT_FALSE(db_->Get("other", "doc-1").has_value());  // collections are separate

  const auto replaced = json::parse(R"({"b":2,"a":1})").as_object();
  db_->Replace("items", "doc-1", replaced);
  EXPECT_EQ(nmshd::json::Stringify(*db_->Get("items", "doc-1")), R"({"b":2,"a":1})");
  EXPECT_EQ(CodeOf([&] { db_->Replace("items", "nope", replaced); }), "error.storage.notFound");

  db_->Upsert("items", "doc-2", json::object{{"v", 1}});
  db_->Upsert("items", "doc-2", json::object{{"v", 2}});
  EXPECT_EQ(db_->Get("items", "doc-2")->at("v"), json::value(2));

  EXPECT_TRUE(db_->Delete("items", "doc-1"));
  EXPECT_FALSE(db_->Delete("items", "doc-1"));
  EXPECT_FALSE(db_->Get("items", "doc-1").has_value());
  EXPECT_EQ(db_->Count("items"), 1u);
}

TEST_F(DocumentStoreContract, DuplicateIdIsCodedErrorPerCollection) {
  db_->Insert("items", "x", json::object{{"v", 1}});
  EXPECT_EQ(CodeOf([&] { db_->Insert("items", "x", json::object{{"v", 2}}); }), "error.storage.duplicateId");
  EXPECT_EQ(db_->Get("items", "x")->at("v"), json::value(1));
  db_->Insert("other", "x", json::object{{"v", 3}});  // same id, other collection: fine
  EXPECT_EQ(db_->Get("other", "x")->at("v"), json::value(3));
}

TEST_F(DocumentStoreContract, EqualityOperatorsOnTypePathsNumbersStringsAndMissingFields) {
  InsertSample();
  EXPECT_EQ(Ids(Condition::Equals("content.value.@type", "GivenName")), (V{"a", "c"}));
  EXPECT_EQ(Ids(Condition::NotEquals("content.value.@type", "GivenName")), (V{"b", "d"}));  // d: missing
  EXPECT_EQ(Ids(Condition::NotEquals("status", "Rejected")), (V{"a", "c", "d"}));
  EXPECT_EQ(Ids(Condition::Equals("n", 10)), (V{"b"}));     // number 10, not the string "10"
  EXPECT_EQ(Ids(Condition::Equals("n", "10")), (V{"c"}));   // string "10", not the number
  EXPECT_EQ(Ids(Condition::Equals("n", 5.0)), (V{"a"}));    // 5.0 == 5
  EXPECT_EQ(Ids(Condition::Equals("n", 2.5)), (V{"d"}));
  EXPECT_EQ(Ids(Condition::Equals("flag", true)), (V{"a"}));
  EXPECT_EQ(Ids(Condition::Equals("flag", false)), (V{"b"}));
  EXPECT_EQ(Ids(Condition::NotEquals("flag", true)), (V{"b", "c", "d"}));
  EXPECT_EQ(Ids(Condition::Equals("nullable", nullptr)), (V{"c"}));
  EXPECT_EQ(Ids(Condition::Equals("content", "x")), (V{}));  // an object is not a string
  // Arrays match element-wise (MongoDB semantics); negation is the complement.
  EXPECT_EQ(Ids(Condition::Equals("tags", "y")), (V{"a", "b"}));
  EXPECT_EQ(Ids(Condition::Equals("tags", "x")), (V{"a"}));
  EXPECT_EQ(Ids(Condition::NotEquals("tags", "x")), (V{"b", "c", "d"}));
  EXPECT_EQ(Ids(Condition::Equals("tags", "y").ScalarOnly()), (V{}));  // no element matching
  EXPECT_EQ(Ids(Condition::NotEquals("tags", "y").ScalarOnly()), (V{"a", "b", "c", "d"}));
  EXPECT_EQ(Ids(Condition::Equals("status", "Pending").ScalarOnly()), (V{"a", "d"}));
  EXPECT_EQ(Ids(Condition::In("status", {"Pending", "Active"})), (V{"a", "c", "d"}));
  EXPECT_EQ(Ids(Condition::NotIn("status", {"Pending", "Active"})), (V{"b"}));
  EXPECT_EQ(Ids(Condition::In("n", {10, "nope"})), (V{"b"}));
  EXPECT_EQ(Ids(Condition::In("tags", {"x", "q"})), (V{"a"}));
  EXPECT_EQ(Ids(Condition::In("status", {})), (V{}));
  EXPECT_EQ(Ids(Condition::NotIn("status", {})), (V{"a", "b", "c", "d"}));
  // Scalar-only lists of strings (SQLite: one indexable "IN (...)"): strings only, no array elements.
  EXPECT_EQ(Ids(Condition::In("status", {"Pending", "Active"}).ScalarOnly()), (V{"a", "c", "d"}));
  EXPECT_EQ(Ids(Condition::NotIn("status", {"Pending", "Active"}).ScalarOnly()), (V{"b"}));
  EXPECT_EQ(Ids(Condition::In("n", {"10", "nope"}).ScalarOnly()), (V{"c"}));  // the string, not the number 10
  EXPECT_EQ(Ids(Condition::In("tags", {"x", "q"}).ScalarOnly()), (V{}));
  EXPECT_EQ(Ids(Condition::NotIn("tags", {"x"}).ScalarOnly()), (V{"a", "b", "c", "d"}));
}

TEST_F(DocumentStoreContract, ExistenceTextRegexAndRangeOperators) {
  InsertSample();
  EXPECT_EQ(Ids(Condition::Exists("content.value")), (V{"a", "b", "c"}));
  EXPECT_EQ(Ids(Condition::NotExists("content.value.@type")), (V{"d"}));
  EXPECT_EQ(Ids(Condition::Exists("nullable")), (V{"c"}));  // null counts as present
  EXPECT_EQ(Ids(Condition::NotExists("nullable")), (V{"a", "b", "d"}));
  EXPECT_EQ(Ids(Condition::StartsWith("content.value.value", "Al")), (V{"a"}));  // case-sensitive
  EXPECT_EQ(Ids(Condition::StartsWith("content.value.value", "")), (V{"a", "b", "c"}));  // strings only
  EXPECT_EQ(Ids(Condition::EndsWith("content.value.value", "ob")), (V{"b"}));
  EXPECT_EQ(Ids(Condition::EndsWith("content.value.value", "xxxxxxxAlice")), (V{}));
  EXPECT_EQ(Ids(Condition::EndsWith("status", "ing")), (V{"a", "d"}));
  EXPECT_EQ(Ids(Condition::Regex("content.value.value", "^al", true)), (V{"a", "c"}));
  EXPECT_EQ(Ids(Condition::Regex("content.value.value", "^al")), (V{"c"}));
  EXPECT_EQ(Ids(Condition::Regex("content.value.value", "i(c|n)")), (V{"a", "c"}));
  EXPECT_EQ(Ids(Condition::Regex("n", "1")), (V{"c"}));  // only strings are matched
  EXPECT_EQ(Ids(Condition::Regex("tags", "^x$")), (V{"a"}));
  // Numbers numerically, and only numbers.
  EXPECT_EQ(Ids(Condition::Greater("n", 4)), (V{"a", "b"}));
  EXPECT_EQ(Ids(Condition::GreaterOrEqual("n", 10)), (V{"b"}));
  EXPECT_EQ(Ids(Condition::Less("n", 10)), (V{"a", "d"}));
  EXPECT_EQ(Ids(Condition::LessOrEqual("n", 2.5)), (V{"d"}));
  // Strings lexicographically, and only strings: "9" > "10" as text.
  EXPECT_EQ(Ids(Condition::Greater("n", "9")), (V{}));
  EXPECT_EQ(Ids(Condition::Less("n", "9")), (V{"c"}));
  // ISO dates as strings.
  EXPECT_EQ(Ids(Condition::Greater("createdAt", "2025-01-01")), (V{"a", "b"}));
  EXPECT_EQ(Ids(Condition::Less("createdAt", "2025-01-01")), (V{"c"}));
  EXPECT_EQ(Ids(Condition::LessOrEqual("createdAt", "2025-02-01T00:00:00.000Z")), (V{"a", "b", "c"}));
  // Conjunction.
  EXPECT_EQ(Ids(Query()
                    .Where(Condition::Equals("content.value.@type", "GivenName"))
                    .Where(Condition::Equals("status", "Pending"))),
            (V{"a"}));
}

TEST_F(DocumentStoreContract, RestFilterSyntaxRunsWithOfficialSemantics) {
  InsertSample();
  auto run = [&](std::string_view qs) { return Ids(Query{ParseRestFilter(ParseQueryString(qs)), {}, {}, 0}); };
  EXPECT_EQ(run("content.value.@type=GivenName&status=!Rejected&createdAt=%3E2025-01-01"), (V{"a"}));
  EXPECT_EQ(run("status=Pending&status=Active"), (V{"a", "c", "d"}));
  EXPECT_EQ(run("status=!Pending&status=!Active"), (V{"b"}));
  EXPECT_EQ(run("content.value.value=%5EAL"), (V{"a", "c"}));  // ^AL, case-insensitive
  EXPECT_EQ(run("content.value.value=%24OB"), (V{"b"}));        // $OB
  EXPECT_EQ(run("content.value.value=~LIN"), (V{"c"}));
  EXPECT_EQ(run("n=%3E%3D5"), (V{"a", "b"}));  // >=5 numbers only
  EXPECT_EQ(run("n=10"), (V{"b"}));            // "10" is parsed to the number 10, as upstream
  EXPECT_EQ(run("flag=true"), (V{"a"}));
  EXPECT_EQ(run("flag=!true"), (V{"b", "c", "d"}));
  EXPECT_EQ(run("nullable="), (V{"c"}));
  EXPECT_EQ(run("content=!"), (V{"d"}));
}

TEST_F(DocumentStoreContract, SortLimitOffsetPaginate) {
  for (int i = 0; i < 25; ++i) {
    const std::string id = (i < 10 ? "i0" : "i") + std::to_string(i);
    db_->Insert("items", id, json::object{{"n", (i * 7) % 25}, {"s", std::string(1, static_cast<char>('a' + i % 5))}});
  }
  auto page = Ids(Query().OrderBy("n", SortDirection::kDescending).Limit(10).Offset(10));
  ASSERT_EQ(page.size(), 10u);
  for (std::size_t k = 0; k < page.size(); ++k) {
    const int n = static_cast<int>(db_->Get("items", page[k])->at("n").as_int64());
    EXPECT_EQ(n, 24 - 10 - static_cast<int>(k));
  }
  // Ties broken by id: s = 'a' for i = 0,5,10,15,20.
  EXPECT_EQ(Ids(Query().Where(Condition::Equals("s", "a")).OrderBy("s")), (V{"i00", "i05", "i10", "i15", "i20"}));
  EXPECT_EQ(Ids(Query().OrderBy("s", SortDirection::kDescending).Limit(3)), (V{"i04", "i09", "i14"}));
  EXPECT_EQ(Ids(Query().Limit(0)), (V{}));
  EXPECT_EQ(Ids(Query().Limit(SIZE_MAX).Offset(SIZE_MAX)), (V{}));  // clamped, not an error
  EXPECT_EQ(Ids(Query().OrderBy("n").Offset(24)).size(), 1u);

  // Mixed types: missing/null < numbers < strings < booleans.
  db_->Insert("mixed", "str", json::object{{"v", "abc"}});
  db_->Insert("mixed", "num", json::object{{"v", 100}});
  db_->Insert("mixed", "neg", json::object{{"v", -1.5}});
  db_->Insert("mixed", "none", json::object{});
  db_->Insert("mixed", "bool", json::object{{"v", true}});
  db_->Insert("mixed", "str2", json::object{{"v", "Abc"}});
  EXPECT_EQ(Ids(Query().OrderBy("v"), "mixed"), (V{"none", "neg", "num", "str2", "str", "bool"}));
}

TEST_F(DocumentStoreContract, UniqueIndexRejectsSecondRelationshipPerPair) {
  const IndexSpec pair{"pair", {"from", "to"}, true};
  db_->EnsureIndex("relationships", pair);
  db_->EnsureIndex("relationships", pair);  // idempotent
  db_->EnsureIndex("relationships", IndexSpec{"status", {"status"}, false});
  db_->Insert("relationships", "REL1", json::object{{"from", "did:e:A"}, {"to", "did:e:B"}, {"status", "Active"}});
  db_->Insert("relationships", "REL2", json::object{{"from", "did:e:B"}, {"to", "did:e:A"}, {"status", "Pending"}});
  EXPECT_EQ(CodeOf([&] {
              db_->Insert("relationships", "REL3", json::object{{"from", "did:e:A"}, {"to", "did:e:B"}});
            }),
            "error.storage.uniqueViolation");
  EXPECT_EQ(CodeOf([&] {
              db_->Replace("relationships", "REL2", json::object{{"from", "did:e:A"}, {"to", "did:e:B"}});
            }),
            "error.storage.uniqueViolation");
  // Documents missing an indexed field are not constrained; the index is per collection.
  db_->Insert("relationships", "REL4", json::object{{"from", "did:e:A"}});
  db_->Insert("relationships", "REL5", json::object{{"from", "did:e:A"}});
  db_->Insert("templates", "T1", json::object{{"from", "did:e:A"}, {"to", "did:e:B"}});
  EXPECT_EQ(db_->Count("relationships"), 4u);
  EXPECT_EQ(Ids(Query().Where(Condition::Equals("status", "Active")), "relationships"), (V{"REL1"}));
  // A unique index over data that already violates it is refused.
  db_->Insert("dupes", "1", json::object{{"k", "same"}});
  db_->Insert("dupes", "2", json::object{{"k", "same"}});
  EXPECT_EQ(CodeOf([&] { db_->EnsureIndex("dupes", IndexSpec{"k", {"k"}, true}); }), "error.storage.uniqueViolation");
  EXPECT_EQ(CodeOf([&] { db_->EnsureIndex("dupes", IndexSpec{"bad name", {"k"}, true}); }),
            "error.storage.invalidIndex");
  EXPECT_EQ(CodeOf([&] { db_->EnsureIndex("dupes", IndexSpec{"ok", {"k..x"}, true}); }), "error.storage.invalidPath");
}

TEST_F(DocumentStoreContract, TransactionThatThrowsHalfWayLeavesNothingBehind) {
  db_->Insert("items", "keep", json::object{{"v", 1}});
  EXPECT_THROW(db_->WithTransaction([&](Transaction& tx) {
    tx.Insert("items", "new1", json::object{{"v", 2}});
    tx.Replace("items", "keep", json::object{{"v", 99}});
    EXPECT_EQ(tx.NextSequenceValue("seq"), 0);
    EXPECT_EQ(tx.Get("items", "new1")->at("v"), json::value(2));  // visible inside
    throw std::runtime_error("half way");
  }),
               std::runtime_error);
  EXPECT_FALSE(db_->Get("items", "new1").has_value());
  EXPECT_EQ(db_->Get("items", "keep")->at("v"), json::value(1));
  EXPECT_EQ(db_->NextSequenceValue("seq"), 0);  // the increment was rolled back too

  {  // destroyed without Commit
    auto tx = db_->Begin();
    tx->Insert("items", "never", json::object{});
  }
  EXPECT_FALSE(db_->Get("items", "never").has_value());

  // A failing operation poisons the transaction on every backend.
  auto tx = db_->Begin();
  tx->Insert("items", "first", json::object{});
  EXPECT_EQ(CodeOf([&] { tx->Insert("items", "keep", json::object{}); }), "error.storage.duplicateId");
  EXPECT_TRUE(tx->failed());
  EXPECT_EQ(CodeOf([&] { tx->Get("items", "first"); }), "error.storage.transactionFailed");
  EXPECT_EQ(CodeOf([&] { tx->Commit(); }), "error.storage.transactionFailed");
  tx.reset();
  EXPECT_FALSE(db_->Get("items", "first").has_value());
}

TEST_F(DocumentStoreContract, UncommittedWritesAreInvisibleToOthersAndCommitPublishes) {
  auto writer = db_->Begin();
  writer->Insert("items", "w", json::object{{"v", 1}});
  EXPECT_FALSE(db_->Get("items", "w").has_value());  // another connection, read-only
  writer->Commit();
  EXPECT_EQ(db_->Get("items", "w")->at("v"), json::value(1));
  EXPECT_EQ(CodeOf([&] { writer->Insert("items", "x", json::object{}); }), "error.storage.transactionFailed");

  auto reader = db_->Begin(TransactionMode::kReadOnly);
  EXPECT_EQ(CodeOf([&] { reader->Insert("items", "ro", json::object{}); }), "error.storage.readOnly");
}

TEST_F(DocumentStoreContract, AfterCommitRunsOnlyOnceTheChangeIsVisible) {
  std::vector<std::string> seen;
  {
    auto tx = db_->Begin();
    tx->Insert("items", "c", json::object{{"v", 1}});
    tx->AfterCommit([&] { seen.push_back(db_->Get("items", "c").has_value() ? "visible" : "invisible"); });
    tx->AfterCommit([&] { seen.push_back("second"); });
    EXPECT_TRUE(seen.empty());
    tx->Commit();
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"visible", "second"}));
  seen.clear();
  {  // rolled back: never
    auto tx = db_->Begin();
    tx->Insert("items", "r", json::object{});
    tx->AfterCommit([&] { seen.push_back("rolled back"); });
  }
  EXPECT_THROW(db_->WithTransaction([&](Transaction& tx) {
    tx.AfterCommit([&] { seen.push_back("threw"); });
    throw std::runtime_error("the change failed");
  }),
               std::runtime_error);
  EXPECT_TRUE(seen.empty());
}

TEST_F(DocumentStoreContract, SequencesAreAtomicUnderConcurrentTransactions) {
  constexpr int kPerThread = 40;
  std::atomic<int> failures{0};
  auto worker = [&](const std::string& tag) {
    for (int i = 0; i < kPerThread; ++i) {
      try {
        db_->WithTransaction([&](Transaction& tx) {
          const auto index = tx.NextSequenceValue("events:did:e:A");
          tx.Insert("events", "EV" + std::to_string(index), json::object{{"index", index}, {"by", tag}});
        });
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    }
  };
  std::thread t1(worker, "t1");
  std::thread t2(worker, "t2");
  t1.join();
  t2.join();
  EXPECT_EQ(failures.load(), 0);
  const auto events = db_->Find("events", Query().OrderBy("index"));
  ASSERT_EQ(events.size(), 2u * kPerThread);
  std::set<std::string> writers;
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].body.at("index").as_int64(), static_cast<std::int64_t>(i));  // gap-free, no duplicates
    writers.insert(std::string(events[i].body.at("by").as_string()));
  }
  EXPECT_EQ(writers.size(), 2u);
  EXPECT_EQ(db_->NextSequenceValue("events:did:e:A"), 2 * kPerThread);
  EXPECT_EQ(db_->NextSequenceValue("events:did:e:B"), 0);  // keys are independent
}

TEST_F(DocumentStoreContract, CountersAddUpAndRollBackWithTheirTransaction) {
  EXPECT_EQ(db_->AddToCounter("pending:a|b", 0), 0);  // never changed: 0
  EXPECT_EQ(db_->AddToCounter("pending:a|b", 3), 3);
  EXPECT_EQ(db_->AddToCounter("pending:a|b", -1), 2);
  EXPECT_EQ(db_->AddToCounter("pending:b|a", 1), 1);  // keys are independent
  EXPECT_THROW(db_->WithTransaction([&](Transaction& tx) {
    EXPECT_EQ(tx.AddToCounter("pending:a|b", 5), 7);  // visible inside
    throw std::runtime_error("half way");
  }),
               std::runtime_error);
  EXPECT_EQ(db_->AddToCounter("pending:a|b", 0), 2);
  EXPECT_EQ(CodeOf([&] { db_->AddToCounter("", 1); }), "error.storage.invalidId");
  EXPECT_EQ(CodeOf([&] { db_->AddToCounter(std::string(513, 'k'), 1); }), "error.storage.invalidId");

  // A limit checked on the value the increment returns holds under concurrent transactions: each
  // waits for the other's change of the row, so no two of them see the same value.
  constexpr int kLimit = 25;
  std::atomic<int> admitted{0}, refused{0};
  auto worker = [&] {
    for (int i = 0; i < 40; ++i) {
      try {
        db_->WithTransaction([&](Transaction& tx) {
          if (tx.AddToCounter("quota", 1) > kLimit) throw std::out_of_range("over the limit");
          tx.Insert("admitted", "A" + std::to_string(tx.NextSequenceValue("admitted")), json::object{});
        });
        ++admitted;
      } catch (const std::out_of_range&) {
        ++refused;
      }
    }
  };
  std::thread t1(worker);
  std::thread t2(worker);
  t1.join();
  t2.join();
  EXPECT_EQ(admitted.load(), kLimit);
  EXPECT_EQ(refused.load(), 80 - kLimit);
  EXPECT_EQ(db_->Count("admitted"), static_cast<std::uint64_t>(kLimit));
  EXPECT_EQ(db_->AddToCounter("quota", 0), kLimit);
}

// A check-then-write under a lock: the second transaction's reads after its Lock() see what the first
// committed, on every backend (PostgreSQL: it waits at Lock(); SQLite: at Begin()).
TEST_F(DocumentStoreContract, ALockMakesTheNextHolderSeeWhatTheFirstCommitted) {
  std::promise<void> locked;
  std::atomic<bool> first_committed{false};
  std::thread first([&] {
    auto tx = db_->Begin();
    tx->Lock("account:1");
    locked.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    tx->Insert("claims", "first", json::object{});
    first_committed = true;
    tx->Commit();
  });
  locked.get_future().wait();
  bool saw_first = false;
  db_->WithTransaction([&](Transaction& tx) {
    tx.Lock("account:1");
    EXPECT_TRUE(first_committed.load());
    saw_first = tx.Get("claims", "first").has_value();
    if (!saw_first) tx.Insert("claims", "second", json::object{});
  });
  first.join();
  EXPECT_TRUE(saw_first);
  EXPECT_EQ(db_->Count("claims"), 1u);
  EXPECT_EQ(CodeOf([&] { db_->WithTransaction([](Transaction& tx) { tx.Lock(""); }); }), "error.storage.invalidId");
  EXPECT_EQ(CodeOf([&] {
              auto tx = db_->Begin(TransactionMode::kReadOnly);
              tx->Lock("account:1");
            }),
            "error.storage.readOnly");
}

TEST_F(DocumentStoreContract, DataSurvivesCloseAndReopen) {
  db_->EnsureIndex("items", IndexSpec{"u", {"u"}, true});
  db_->Insert("items", "persist", json::object{{"u", "Grüße"}});
  db_->NextSequenceValue("k");
  db_->WithTransaction([](Transaction& tx) { tx.WriteSchemaVersion(3); });
  db_.reset();
  db_ = OpenDatabase(config_);
  EXPECT_EQ(db_->Get("items", "persist")->at("u"), json::value("Grüße"));
  EXPECT_EQ(db_->NextSequenceValue("k"), 1);
  EXPECT_EQ(db_->SchemaVersion(), 3);
  EXPECT_EQ(CodeOf([&] { db_->Insert("items", "again", json::object{{"u", "Grüße"}}); }),
            "error.storage.uniqueViolation");  // the index survived too
}

TEST_F(DocumentStoreContract, SchemaVersionAndForwardMigrations) {
  EXPECT_EQ(db_->SchemaVersion(), 0);
  std::vector<Migration> migrations{
      {1, "seed", [](Transaction& tx) { tx.Insert("settings", "s", json::object{{"v", 1}}); }},
      {2, "bump", [](Transaction& tx) { tx.Replace("settings", "s", json::object{{"v", 2}}); }},
  };
  EXPECT_EQ(MigrateSchema(*db_, migrations), 2);
  EXPECT_EQ(db_->SchemaVersion(), 2);
  EXPECT_EQ(db_->Get("settings", "s")->at("v"), json::value(2));
  EXPECT_EQ(MigrateSchema(*db_, migrations), 2);  // nothing pending

  migrations.push_back({3, "breaks", [](Transaction& tx) {
                          tx.Insert("settings", "half", json::object{});
                          throw CodedError("error.test.migration", "boom");
                        }});
  EXPECT_EQ(CodeOf([&] { MigrateSchema(*db_, migrations); }), "error.test.migration");
  EXPECT_EQ(db_->SchemaVersion(), 2);
  EXPECT_FALSE(db_->Get("settings", "half").has_value());

  db_->WithTransaction([](Transaction& tx) { tx.WriteSchemaVersion(7); });
  EXPECT_EQ(CodeOf([&] { MigrateSchema(*db_, {migrations[0], migrations[1]}); }), "error.storage.schemaTooNew");
  EXPECT_EQ(CodeOf([&] { MigrateSchema(*db_, {migrations[1]}); }), "error.storage.invalidMigration");
}

TEST_F(DocumentStoreContract, BadInputIsCodedErrorNeverACrash) {
  InsertSample();
  EXPECT_EQ(CodeOf([&] { db_->Insert("bad name", "x", json::object{}); }), "error.storage.invalidCollection");
  EXPECT_EQ(CodeOf([&] { db_->Insert("x'; DROP TABLE documents; --", "x", json::object{}); }),
            "error.storage.invalidCollection");
  EXPECT_EQ(CodeOf([&] { db_->Insert("items", "", json::object{}); }), "error.storage.invalidId");
  EXPECT_EQ(CodeOf([&] { db_->Insert("items", std::string(600, 'x'), json::object{}); }), "error.storage.invalidId");
  EXPECT_EQ(CodeOf([&] { db_->Find("items", Query().Where(Condition::Equals("a\"]", 1))); }),
            "error.storage.invalidPath");
  EXPECT_EQ(CodeOf([&] { db_->Find("items", Query().Where(Condition::Regex("status", "(["))); }),
            "error.storage.invalidRegex");
  // Ids and values are parameters, so quotes in them are just data.
  db_->Insert("items", "it's \"quoted\"", json::object{{"status", "x' OR '1'='1"}});
  EXPECT_EQ(Ids(Condition::Equals("status", "x' OR '1'='1")), (V{"it's \"quoted\""}));
  // A catastrophic-backtracking pattern either answers or reports an error; it must not crash.
  db_->Insert("items", "long", json::object{{"status", std::string(40, 'a') + "!"}});
  const auto code = CodeOf([&] { db_->Find("items", Query().Where(Condition::Regex("status", "^(a+)+$"))); });
  EXPECT_TRUE(code == "no error" || code == "error.storage.regexTooComplex") << code;
  // Config errors.
  EXPECT_EQ(CodeOf([] { ParseDatabaseConfig(json::object{{"driver", "mongo"}}); }), "error.storage.config");
  EXPECT_EQ(CodeOf([] { ParseDatabaseConfig(json::object{{"driver", "sqlite"}}); }), "error.storage.config");
  EXPECT_EQ(CodeOf([] { OpenDatabase(DatabaseConfig{"sqlite", ":memory:", "", "public", 4}); }),
            "error.storage.config");
}

TEST_F(DocumentStoreContract, FactoryOpensTheConfiguredBackend) {
  json::object cfg{{"driver", config_.driver}};
  if (config_.driver == "sqlite") {
    cfg["path"] = config_.path;
  } else {
    cfg["connectionString"] = config_.connection_string;
    cfg["schema"] = config_.schema;
  }
  cfg["poolSize"] = 2;
  db_->Insert("items", "via-factory", json::object{{"ok", true}});
  const auto parsed = ParseDatabaseConfig(cfg);
  EXPECT_EQ(parsed.pool_size, 2u);
  auto second = OpenDatabase(parsed);
  EXPECT_EQ(second->driver(), UsePostgres() ? "postgres" : "sqlite");
  EXPECT_EQ(second->Get("items", "via-factory")->at("ok"), json::value(true));
}

TEST_F(DocumentStoreContract, PingAnswersAndSizeGrowsWithTheData) {
  EXPECT_NO_THROW(db_->Ping());
  const auto before = db_->SizeBytes();
  EXPECT_GT(before, 0u);
  // Random letters: PostgreSQL compresses large values, so repetitive text would hardly count.
  std::mt19937 rng(7);
  db_->WithTransaction([&](Transaction& tx) {
    for (int i = 0; i < 200; ++i) {
      std::string blob(4000, ' ');
      for (auto& c : blob) c = static_cast<char>('a' + rng() % 26);
      tx.Insert("items", "big" + std::to_string(i), json::object{{"blob", blob}});
    }
  });
  EXPECT_GT(db_->SizeBytes(), before + 200u * 2000u);  // 800 kB written, ~5 bits of entropy per letter
}

// SQLite only: an open connection keeps working on a moved file, so Ping compares the file at the
// path with the one opened.
TEST_F(DocumentStoreContract, PingFailsWhenTheSqliteFileWasMovedAway) {
  if (UsePostgres()) GTEST_SKIP() << "SQLite file semantics";
  db_->Insert("items", "before", json::object{{"ok", true}});
  const auto moved = dir_.string() + "-moved";
  std::filesystem::rename(dir_, moved);
  EXPECT_EQ(CodeOf([&] { db_->Ping(); }), "error.storage.backend");
  std::filesystem::rename(moved, dir_);
  EXPECT_NO_THROW(db_->Ping());
  // A new file at the path is not the database that was opened either.
  db_.reset();
  db_ = OpenDatabase(config_);
  std::filesystem::rename(config_.path, config_.path + ".old");
  { std::ofstream(config_.path) << ""; }
  EXPECT_EQ(CodeOf([&] { db_->Ping(); }), "error.storage.backend");
}

}  // namespace
}  // namespace nmshd::storage
