// Group commit of SQLite writers (sqlite_group_commit.h): concurrent writers share flushes, each
// keeps the all-or-nothing of its own transaction, and a batch whose COMMIT fails fails every member
// that waited for it, leaving nothing of any of them behind.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "base/coded_error.h"
#include "storage/connection_pool.h"
#include "storage/document_store.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage/sqlite/sqlite_group_commit.h"

namespace nmshd::storage::sqlite {
namespace {

using namespace std::chrono_literals;
using Pool = ConnectionPool<Connection>;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("nmshd-gc-" + std::to_string(std::random_device{}() % 1000000000u));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    Connection setup(path_, 5000ms);
    setup.Exec("PRAGMA journal_mode=WAL;"
               "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
               "CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id) "
               "DEFERRABLE INITIALLY DEFERRED);"
               "INSERT INTO parent (id) VALUES (1);");
    pool_ = std::make_unique<Pool>(
        [path = path_] {
          auto c = std::make_unique<Connection>(path, 5000ms);
          c->Exec("PRAGMA foreign_keys=ON");
          return c;
        },
        4, 5000ms);
    writers_ = std::make_unique<GroupCommit>(*pool_, 5000ms);
  }
  void TearDown() override {
    writers_.reset();
    pool_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::int64_t CountChildren() {
    Connection c(path_, 5000ms);
    auto stmt = c.Prepare("SELECT count(*) FROM child");
    stmt.Step();
    return stmt.ColumnInt(0);
  }
  bool ChildExists(std::int64_t id) {
    Connection c(path_, 5000ms);
    auto stmt = c.Prepare("SELECT count(*) FROM child WHERE id = ?");
    stmt.Bind(1, id);
    stmt.Step();
    return stmt.ColumnInt(0) == 1;
  }
  void WaitUntilWaiting(std::size_t n) {
    for (int i = 0; i < 2000 && writers_->Waiting() < n; ++i) std::this_thread::sleep_for(1ms);
    ASSERT_EQ(writers_->Waiting(), n);
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<GroupCommit> writers_;
};

TEST_F(GroupCommitTest, ConcurrentWritersShareCommitsAndKeepTheirOwnRollbacks) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 150;
  std::atomic<std::int64_t> committed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::int64_t id = t * 100000 + i;
        auto member = writers_->Join();
        {
          auto stmt = member.connection().Prepare("INSERT INTO child (id, parent) VALUES (?, 1)");
          stmt.Bind(1, id);
          stmt.Step();
        }  // a cached statement must be reset before the connection passes to the next writer
        const bool keep = i % 7 != 3;
        writers_->Leave(member, keep);
        if (keep) ++committed;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(CountChildren(), committed.load());
  EXPECT_FALSE(ChildExists(3));           // rolled back members left nothing
  EXPECT_TRUE(ChildExists(100000 + 4));   // committed members are all there
  // Writers that queued behind each other shared flushes.
  EXPECT_LT(writers_->BatchesCommitted(), static_cast<std::uint64_t>(committed.load()));
  EXPECT_GT(writers_->BatchesCommitted(), 0u);
}

TEST_F(GroupCommitTest, AMemberRolledBackInsideABatchDoesNotTouchTheOthers) {
  auto first = writers_->Join();
  first.connection().Exec("INSERT INTO child (id, parent) VALUES (10, 1)");
  std::thread second([&] {
    auto member = writers_->Join();  // queued behind `first`, then runs inside the same batch
    member.connection().Exec("INSERT INTO child (id, parent) VALUES (11, 1)");
    writers_->Leave(member, false);
  });
  WaitUntilWaiting(1);
  writers_->Leave(first, true);  // waits for `second`, which closes the batch
  second.join();
  EXPECT_TRUE(ChildExists(10));
  EXPECT_FALSE(ChildExists(11));
  EXPECT_EQ(writers_->BatchesCommitted(), 1u);
}

TEST_F(GroupCommitTest, AFailedBatchCommitFailsEveryMemberThatWaitedForIt) {
  auto first = writers_->Join();
  first.connection().Exec("INSERT INTO child (id, parent) VALUES (20, 1)");
  std::string second_error;
  std::thread second([&] {
    auto member = writers_->Join();
    // A deferred foreign key that only COMMIT checks: the whole batch's COMMIT fails.
    member.connection().Exec("INSERT INTO child (id, parent) VALUES (21, 99)");
    try {
      writers_->Leave(member, true);
    } catch (const CodedError& e) {
      second_error = e.code();
    }
  });
  WaitUntilWaiting(1);
  std::string first_error;
  try {
    writers_->Leave(first, true);
  } catch (const CodedError& e) {
    first_error = e.code();
  }
  second.join();
  EXPECT_EQ(first_error, "error.storage.backend");
  EXPECT_EQ(second_error, "error.storage.backend");
  EXPECT_FALSE(ChildExists(20));
  EXPECT_FALSE(ChildExists(21));
  EXPECT_EQ(writers_->BatchesCommitted(), 0u);

  // The writer connection was cleaned up: the next writer works normally.
  auto next = writers_->Join();
  next.connection().Exec("INSERT INTO child (id, parent) VALUES (22, 1)");
  writers_->Leave(next, true);
  EXPECT_TRUE(ChildExists(22));
}

TEST_F(GroupCommitTest, AWriterWaitingLongerThanTheBusyTimeoutGetsBusy) {
  GroupCommit quick(*pool_, 50ms);
  auto holder = quick.Join();
  std::string code;
  std::thread waiter([&] {
    try {
      auto member = quick.Join();
      quick.Leave(member, true);
    } catch (const CodedError& e) {
      code = e.code();
    }
  });
  waiter.join();
  EXPECT_EQ(code, "error.storage.busy");
  holder.connection().Exec("INSERT INTO child (id, parent) VALUES (30, 1)");
  quick.Leave(holder, true);  // the timed-out writer did not keep the batch open
  EXPECT_TRUE(ChildExists(30));
}

// Through the Database interface: many threads writing documents, every acknowledged one durable
// and visible to a database opened afresh.
TEST(SqliteDatabaseGroupCommit, EveryAcknowledgedWriteIsThereAfterReopening) {
  const auto dir = std::filesystem::temp_directory_path() / ("nmshd-gcdb-" + std::to_string(std::random_device{}() % 1000000000u));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "d.db").string();
  std::atomic<int> acknowledged{0};
  {
    auto db = OpenSqliteDatabase({.path = path});
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 100; ++i) {
          db->WithTransaction([&](Transaction& tx) {
            tx.Insert("items", std::to_string(t) + "-" + std::to_string(i), {{"n", i}});
            tx.NextSequenceValue("items");
          });
          ++acknowledged;
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  auto reopened = OpenSqliteDatabase({.path = path});
  EXPECT_EQ(reopened->Count("items"), static_cast<std::uint64_t>(acknowledged.load()));
  EXPECT_EQ(reopened->NextSequenceValue("items"), acknowledged.load());  // values start at 0
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace nmshd::storage::sqlite
