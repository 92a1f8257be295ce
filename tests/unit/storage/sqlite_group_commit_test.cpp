// Group commit of SQLite writers (sqlite_group_commit.h): every writer keeps the all-or-nothing of its
// own transaction, writers commit while another one flushes the log and share the next flush, a
// writer is acknowledged only after a flush that covers it, readers never see what is not flushed,
// and a failed flush fails everybody from then on.
#include "storage/sqlite/sqlite_group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "base/coded_error.h"
#include "storage/connection_pool.h"
#include "storage/document_store.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_database.h"

namespace nmshd::storage::sqlite {
namespace {

using namespace std::chrono_literals;
using Pool = ConnectionPool<Connection>;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("nmshd-gc-" + std::to_string(std::random_device{}() % 1000000000u));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    Connection setup(path_, 5000ms);
    setup.Exec(
        "PRAGMA journal_mode=WAL;"
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id) "
        "DEFERRABLE INITIALLY DEFERRED);"
        "INSERT INTO parent (id) VALUES (1);");
    pool_ = std::make_unique<Pool>(Opener(), 8, 5000ms);
    // The real flush, behind a hook the tests can hold or fail.
    writers_ = std::make_unique<GroupCommit>(Opener(), 5000ms, [this](Connection& c) {
      ++flush_calls_;
      if (hook_) hook_();
      c.SyncLog();
    });
  }
  void TearDown() override {
    writers_.reset();
    pool_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::function<std::unique_ptr<Connection>()> Opener() const {
    return [path = path_] {
      auto c = std::make_unique<Connection>(path, 5000ms, CommitSync::kByGroupCommit);
      c->Exec("PRAGMA foreign_keys=ON");
      return c;
    };
  }

  // Through a connection of its own, outside the group commit: what any other process would see.
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
  void Insert(GroupCommit::Membership& member, std::int64_t id, std::int64_t parent = 1) {
    auto stmt = member.connection().Prepare("INSERT INTO child (id, parent) VALUES (?, ?)");
    stmt.Bind(1, id);
    stmt.Bind(2, parent);
    stmt.Step();
  }
  void WaitUntil(const std::function<bool()>& condition) {
    for (int i = 0; i < 5000 && !condition(); ++i) std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(condition());
  }
  // Inserts `id` in a writer of its own that does not wait for its flush; what its scope owes.
  DurabilityDebt CommitDeferred(std::int64_t id) {
    DeferredDurability scope;
    auto member = writers_->Join();
    Insert(member, id);
    writers_->Leave(member, true, /*durable=*/false);
    return scope.debt();
  }
  // Makes the next flush wait until Release(); Entered() tells that a flush is waiting.
  void HoldFlushes() {
    hook_ = [this] {
      entered_ = true;
      released_.wait();
    };
  }
  void Release() { release_.set_value(); }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<GroupCommit> writers_;
  std::atomic<int> flush_calls_{0};
  std::function<void()> hook_;
  std::atomic<bool> entered_{false};
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

TEST_F(GroupCommitTest, ConcurrentWritersShareFlushesAndKeepTheirOwnRollbacks) {
  hook_ = [] { std::this_thread::sleep_for(2ms); };  // a slow disk: writers pile up behind a flush
  constexpr int kThreads = 8;
  constexpr int kPerThread = 100;
  std::atomic<std::int64_t> committed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::int64_t id = t * 100000 + i;
        auto member = writers_->Join();
        Insert(member, id);
        const bool keep = i % 7 != 3;
        writers_->Leave(member, keep);
        if (keep) ++committed;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(CountChildren(), committed.load());
  EXPECT_FALSE(ChildExists(3));          // rolled back writers left nothing
  EXPECT_TRUE(ChildExists(100000 + 4));  // committed ones are all there
  // Writers that committed during a flush shared the next one.
  EXPECT_LT(writers_->Flushes(), static_cast<std::uint64_t>(committed.load()) / 2);
  EXPECT_GT(writers_->Flushes(), 0u);
}

TEST_F(GroupCommitTest, AWriterCommitsWhileAnotherFlushesAndIsAcknowledgedOnlyAfterItsOwnFlush) {
  HoldFlushes();
  std::atomic<bool> first_done{false};
  std::thread first([&] {
    auto member = writers_->Join();
    Insert(member, 10);
    writers_->Leave(member, true);
    first_done = true;
  });
  WaitUntil([&] { return entered_.load(); });  // first committed and is flushing
  EXPECT_TRUE(ChildExists(10));
  EXPECT_FALSE(first_done.load());  // not acknowledged before its flush finished

  std::atomic<bool> second_done{false};
  std::thread second([&] {
    auto member = writers_->Join();  // the slot is free although a flush runs
    Insert(member, 11);
    writers_->Leave(member, true);
    second_done = true;
  });
  WaitUntil([&] { return ChildExists(11); });  // committed during the first flush
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(first_done.load());
  EXPECT_FALSE(second_done.load());  // the running flush started before its COMMIT: not enough
  EXPECT_EQ(flush_calls_.load(), 1);

  Release();
  first.join();
  second.join();
  EXPECT_EQ(writers_->Flushes(), 2u);  // the second writer needed a flush of its own
}

TEST_F(GroupCommitTest, AReaderWaitsUntilEverythingItCanSeeIsFlushed) {
  HoldFlushes();
  std::thread writer([&] {
    auto member = writers_->Join();
    Insert(member, 40);
    writers_->Leave(member, true);
  });
  WaitUntil([&] { return entered_.load(); });

  std::atomic<bool> began{false};
  std::int64_t seen = -1;
  std::thread reader([&] {
    auto lease = pool_->Acquire();
    lease->Exec("BEGIN DEFERRED");
    writers_->BeginRead(*lease);
    began = true;
    auto stmt = lease->Prepare("SELECT count(*) FROM child WHERE id = 40");
    stmt.Step();
    seen = stmt.ColumnInt(0);
    lease->Exec("COMMIT");
  });
  std::this_thread::sleep_for(30ms);
  EXPECT_FALSE(began.load());  // the row is committed but not flushed yet
  Release();
  writer.join();
  reader.join();
  EXPECT_TRUE(began.load());
  EXPECT_EQ(seen, 1);
}

TEST_F(GroupCommitTest, AReaderSnapshotStaysTheOneItWaitedFor) {
  auto lease = pool_->Acquire();
  lease->Exec("BEGIN DEFERRED");
  writers_->BeginRead(*lease);  // nothing to wait for: returns at once
  auto member = writers_->Join();
  Insert(member, 50);
  writers_->Leave(member, true);
  {
    auto stmt = lease->Prepare("SELECT count(*) FROM child WHERE id = 50");
    stmt.Step();
    EXPECT_EQ(stmt.ColumnInt(0), 0);  // committed after the reader's snapshot: not in it
  }
  lease->Exec("COMMIT");
}

// One connection writes, so its page cache survives from one writer to the next.
TEST_F(GroupCommitTest, WritersTakeTurnsOnOneConnection) {
  auto first = writers_->Join();
  Connection* used = &first.connection();
  Insert(first, 70);
  writers_->Leave(first, true);
  auto second = writers_->Join();
  EXPECT_EQ(&second.connection(), used);
  writers_->Leave(second, false);
  auto third = writers_->Join();
  EXPECT_EQ(&third.connection(), used);
  writers_->Leave(third, true);
}

TEST_F(GroupCommitTest, AFailedCommitFailsThatWriterOnly) {
  auto bad = writers_->Join();
  // A deferred foreign key that only COMMIT checks.
  Insert(bad, 21, 99);
  std::string code;
  try {
    writers_->Leave(bad, true);
  } catch (const CodedError& e) {
    code = e.code();
  }
  EXPECT_EQ(code, "error.storage.backend");
  EXPECT_FALSE(ChildExists(21));

  auto next = writers_->Join();  // the slot and the connection were cleaned up
  Insert(next, 22);
  writers_->Leave(next, true);
  EXPECT_TRUE(ChildExists(22));
}

TEST_F(GroupCommitTest, AFailedFlushFailsItsWritersAndEveryoneAfter) {
  hook_ = [] { throw std::runtime_error("EIO"); };
  auto first = writers_->Join();
  Insert(first, 60);
  std::string code;
  try {
    writers_->Leave(first, true);
  } catch (const CodedError& e) {
    code = e.code();
  }
  EXPECT_EQ(code, "error.storage.backend");

  hook_ = nullptr;  // the disk came back: still nothing written since can be promised
  auto second = writers_->Join();
  Insert(second, 61);
  EXPECT_THROW(writers_->Leave(second, true), CodedError);
  auto lease = pool_->Acquire();
  lease->Exec("BEGIN DEFERRED");
  EXPECT_THROW(writers_->BeginRead(*lease), CodedError);
  lease->Exec("ROLLBACK");
  EXPECT_EQ(writers_->Flushes(), 0u);
}

// Only a failed flush is for good; a connection for flushing that cannot be opened is tried again.
TEST_F(GroupCommitTest, AFlushConnectionThatCannotBeOpenedFailsOnlyThatWait) {
  int opened = 0;
  GroupCommit flaky(
      [&, open = Opener()]() -> std::unique_ptr<Connection> {
        if (++opened == 2) throw CodedError("error.storage.backend", "too many open files");  // the flusher's
        return open();
      },
      5000ms);
  auto first = flaky.Join();
  Insert(first, 80);
  EXPECT_THROW(flaky.Leave(first, true), CodedError);
  auto second = flaky.Join();
  Insert(second, 81);
  flaky.Leave(second, true);
  EXPECT_TRUE(ChildExists(81));
  EXPECT_EQ(flaky.Flushes(), 1u);
  EXPECT_EQ(opened, 3);
}

TEST_F(GroupCommitTest, AWriterWaitingLongerThanTheBusyTimeoutGetsBusy) {
  GroupCommit quick(Opener(), 50ms);
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
  Insert(holder, 30);
  quick.Leave(holder, true);  // the timed-out writer did not take the slot
  EXPECT_TRUE(ChildExists(30));
  EXPECT_EQ(quick.Flushes(), 1u);
}

// DeferredDurability's path: the writer returns right after its COMMIT, a reader that does not ask
// for durability sees the row at once, and FlushCommitted is what flushes it.
TEST_F(GroupCommitTest, ADeferredWriterReturnsBeforeTheFlushThatFlushCommittedDoes) {
  HoldFlushes();
  {
    auto member = writers_->Join();
    Insert(member, 60);
    writers_->Leave(member, true, /*durable=*/false);
  }
  EXPECT_EQ(flush_calls_.load(), 0);
  EXPECT_FALSE(entered_.load());
  {
    auto lease = pool_->Acquire();
    lease->Exec("BEGIN DEFERRED");
    writers_->BeginRead(*lease, /*durable=*/false);  // would wait for the held flush otherwise
    auto stmt = lease->Prepare("SELECT count(*) FROM child WHERE id = 60");
    stmt.Step();
    EXPECT_EQ(stmt.ColumnInt(0), 1);
    lease->Exec("COMMIT");
  }
  EXPECT_EQ(flush_calls_.load(), 0);

  std::atomic<bool> flushed{false};
  std::thread flusher([&] {
    writers_->FlushCommitted();
    flushed = true;
  });
  WaitUntil([&] { return entered_.load(); });
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(flushed.load());  // FlushCommitted returns only once its flush is done
  Release();
  flusher.join();
  EXPECT_TRUE(flushed.load());
  EXPECT_EQ(flush_calls_.load(), 1);
  EXPECT_EQ(writers_->Flushes(), 1u);
}

// The Backbone's path: a deferred commit becomes the scope's debt, and the group commit's own thread
// answers it after a flush, while the writer's thread has long moved on.
TEST_F(GroupCommitTest, ADeferredCommitIsAnsweredFromTheFlushingThreadAfterItsFlush) {
  HoldFlushes();
  const auto debt = CommitDeferred(70);
  ASSERT_FALSE(debt.empty());
  std::promise<std::pair<std::string, std::thread::id>> answer;
  auto answered = answer.get_future();
  debt.WhenSettled([&](const std::string& failure) { answer.set_value({failure, std::this_thread::get_id()}); });
  WaitUntil([&] { return entered_.load(); });  // the group commit flushes by itself
  EXPECT_EQ(answered.wait_for(20ms), std::future_status::timeout);
  Release();
  ASSERT_EQ(answered.wait_for(5s), std::future_status::ready);
  const auto [failure, thread] = answered.get();
  EXPECT_EQ(failure, "");
  EXPECT_NE(thread, std::this_thread::get_id());
  EXPECT_EQ(writers_->Flushes(), 1u);

  // Settled already: answered at once, on the caller's thread.
  std::thread::id again;
  debt.WhenSettled([&](const std::string& f) {
    if (f.empty()) again = std::this_thread::get_id();
  });
  EXPECT_EQ(again, std::this_thread::get_id());
  EXPECT_EQ(writers_->Flushes(), 1u);
}

TEST_F(GroupCommitTest, ADurableCommitOwesNothing) {
  DeferredDurability scope;
  {
    DeferredDurability inner;
    auto member = writers_->Join();
    Insert(member, 71);
    writers_->Leave(member, true, /*durable=*/true);
    EXPECT_TRUE(inner.debt().empty());
  }
  EXPECT_TRUE(scope.debt().empty());
  EXPECT_EQ(writers_->Flushes(), 1u);
}

// A reader that does not wait owes every commit its snapshot can contain, though it wrote nothing.
TEST_F(GroupCommitTest, ADeferredReadOwesTheCommitsItsSnapshotContains) {
  HoldFlushes();
  CommitDeferred(72);
  DurabilityDebt debt;
  {
    DeferredDurability scope;
    auto lease = pool_->Acquire();
    lease->Exec("BEGIN DEFERRED");
    writers_->BeginRead(*lease, /*durable=*/false);
    lease->Exec("COMMIT");
    debt = scope.debt();
  }
  ASSERT_FALSE(debt.empty());
  std::promise<std::string> answer;
  auto answered = answer.get_future();
  debt.WhenSettled([&](const std::string& failure) { answer.set_value(failure); });
  WaitUntil([&] { return entered_.load(); });
  EXPECT_EQ(answered.wait_for(20ms), std::future_status::timeout);
  Release();
  ASSERT_EQ(answered.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(answered.get(), "");
}

TEST_F(GroupCommitTest, AFailedFlushFailsTheWaitingAnswersAndEveryLaterOne) {
  hook_ = [] { throw std::runtime_error("EIO"); };
  const auto debt = CommitDeferred(73);
  std::promise<std::string> answer;
  auto answered = answer.get_future();
  debt.WhenSettled([&](const std::string& failure) { answer.set_value(failure); });
  ASSERT_EQ(answered.wait_for(5s), std::future_status::ready);
  EXPECT_NE(answered.get().find("EIO"), std::string::npos);

  hook_ = nullptr;
  std::string later;
  writers_->WhenDurable(1, [&](const std::string& failure) { later = failure; });  // answered at once
  EXPECT_NE(later.find("EIO"), std::string::npos);
  EXPECT_EQ(writers_->Flushes(), 0u);
}

// A flush due while a writer is inside its transaction waits for that COMMIT: one flush answers both.
TEST_F(GroupCommitTest, TheFlushWaitsForTheCommitOfAWriterInItsTransaction) {
  GroupCommit patient(Opener(), 5000ms, &Connection::SyncLog, std::chrono::seconds(30));
  {
    auto first = patient.Join();
    Insert(first, 74);
    patient.Leave(first, true, /*durable=*/false);  // commit 1
  }
  auto second = patient.Join();
  Insert(second, 75);
  std::promise<std::string> answer;
  auto answered = answer.get_future();
  patient.WhenDurable(1, [&](const std::string& failure) { answer.set_value(failure); });
  EXPECT_EQ(answered.wait_for(100ms), std::future_status::timeout);
  EXPECT_EQ(patient.Flushes(), 0u);
  patient.Leave(second, true, /*durable=*/false);  // commit 2
  ASSERT_EQ(answered.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(answered.get(), "");
  EXPECT_EQ(patient.Flushes(), 1u);
  std::string both = "not answered";
  patient.WhenDurable(2, [&](const std::string& failure) { both = failure; });
  EXPECT_EQ(both, "");  // at once: the same flush covered commit 2
  EXPECT_EQ(patient.Flushes(), 1u);
}

TEST_F(GroupCommitTest, AWriterThatDoesNotCommitDelaysTheFlushOnlyBriefly) {
  GroupCommit brief(Opener(), 5000ms, &Connection::SyncLog, std::chrono::milliseconds(20));
  {
    auto first = brief.Join();
    Insert(first, 76);
    brief.Leave(first, true, /*durable=*/false);
  }
  auto idle = brief.Join();
  std::promise<std::string> answer;
  auto answered = answer.get_future();
  brief.WhenDurable(1, [&](const std::string& failure) { answer.set_value(failure); });
  ASSERT_EQ(answered.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(answered.get(), "");
  EXPECT_EQ(brief.Flushes(), 1u);
  brief.Leave(idle, false);
}

TEST_F(GroupCommitTest, ACallbackThatThrowsKeepsNeitherTheOthersNorLaterOnesFromBeingAnswered) {
  HoldFlushes();
  CommitDeferred(78);
  std::promise<std::string> other;
  auto answered = other.get_future();
  writers_->WhenDurable(1, [](const std::string&) { throw std::runtime_error("out of memory"); });
  writers_->WhenDurable(1, [&](const std::string& failure) { other.set_value(failure); });
  WaitUntil([&] { return entered_.load(); });
  Release();
  ASSERT_EQ(answered.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(answered.get(), "");

  CommitDeferred(79);
  std::promise<std::string> later;
  auto later_answered = later.get_future();
  writers_->WhenDurable(2, [&](const std::string& failure) { later.set_value(failure); });
  ASSERT_EQ(later_answered.wait_for(5s), std::future_status::ready);  // the flushing thread still runs
  EXPECT_EQ(later_answered.get(), "");
}

TEST_F(GroupCommitTest, ClosingAnswersTheCallbacksStillWaiting) {
  std::string outcome = "not answered";
  {
    GroupCommit closing(Opener(), 5000ms, [](Connection& c) {
      std::this_thread::sleep_for(50ms);
      c.SyncLog();
    });
    auto member = closing.Join();
    Insert(member, 77);
    closing.Leave(member, true, /*durable=*/false);
    closing.WhenDurable(1, [&](const std::string& failure) { outcome = failure; });
  }
  EXPECT_EQ(outcome, "");
  EXPECT_TRUE(ChildExists(77));
}

TEST(DeferredDurability, IsPerThreadAndNests) {
  EXPECT_FALSE(DeferredDurability::Active());
  {
    DeferredDurability outer;
    EXPECT_TRUE(DeferredDurability::Active());
    bool elsewhere = true;
    std::thread([&] { elsewhere = DeferredDurability::Active(); }).join();
    EXPECT_FALSE(elsewhere);
    {
      DeferredDurability inner;
      EXPECT_TRUE(DeferredDurability::Active());
    }
    EXPECT_TRUE(DeferredDurability::Active());
  }
  EXPECT_FALSE(DeferredDurability::Active());
}

// What an inner scope owes, the enclosing one owes too; outside a scope nothing is recorded.
TEST(DeferredDurability, AnInnerScopesDebtBecomesTheEnclosingOnes) {
  struct Source final : DurabilitySource {
    void WhenDurable(std::uint64_t seq, std::function<void(const std::string&)> done) override {
      asked.push_back(seq);
      done("");
    }
    std::vector<std::uint64_t> asked;
  } source;
  DeferredDurability::Owe(source, 1);  // no scope
  {
    DeferredDurability outer;
    DeferredDurability::Owe(source, 3);
    {
      DeferredDurability inner;
      DeferredDurability::Owe(source, 5);
      DeferredDurability::Owe(source, 4);
      EXPECT_FALSE(inner.debt().empty());
    }
    bool settled = false;
    outer.debt().WhenSettled([&](const std::string& failure) { settled = failure.empty(); });
    EXPECT_TRUE(settled);
    EXPECT_EQ(source.asked, (std::vector<std::uint64_t>{5}));  // the latest commit of the source
  }
  EXPECT_FALSE(DeferredDurability::Active());
}

TEST_F(GroupCommitTest, PooledConnectionsLeaveTheFlushToTheGroupCommit) {
  // Their COMMIT's sync only writes (sqlite_wal_write_batching.h, tested there); checkpoints flush.
  auto lease = pool_->Acquire();
  auto stmt = lease->Prepare("PRAGMA checkpoint_fullfsync");
  ASSERT_TRUE(stmt.Step());
  EXPECT_EQ(stmt.ColumnInt(0), 1);
  Connection own(path_, 5000ms);
  auto full = own.Prepare("PRAGMA checkpoint_fullfsync");
  ASSERT_TRUE(full.Step());
  EXPECT_EQ(full.ColumnInt(0), 0);  // everybody else: SQLite's own flushes
}

// Through the Database interface: many threads writing documents, every acknowledged one durable
// and visible to a database opened afresh.
TEST(SqliteDatabaseGroupCommit, EveryAcknowledgedWriteIsThereAfterReopening) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("nmshd-gcdb-" + std::to_string(std::random_device{}() % 1000000000u));
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

// The log is checkpointed once it passes kWalCheckpointPages, not at SQLite's default of 1000 pages,
// and then overwritten from its start: its file never grows much beyond that size.
TEST(SqliteConnection, TheLogIsCheckpointedOnlyPastItsPageLimitAndThenReused) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("nmshd-wal-" + std::to_string(std::random_device{}() % 1000000000u));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "t.db").string();
  {
    Connection c(path, 5000ms, CommitSync::kByGroupCommit);
    c.Exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
    auto page_size_stmt = c.Prepare("PRAGMA page_size");
    ASSERT_TRUE(page_size_stmt.Step());
    const auto frame_bytes = static_cast<std::uintmax_t>(page_size_stmt.ColumnInt(0)) + 24;
    const auto log_frames = [&] { return (std::filesystem::file_size(path + "-wal") - 32) / frame_bytes; };
    // One commit per row of most of a page: each appends at least one new page to the log.
    const auto insert = [&] { c.Exec("INSERT INTO blobs (data) VALUES (randomblob(3000))"); };
    for (int i = 0; i < 600; ++i) insert();
    EXPECT_GT(log_frames(), 1200u);  // SQLite's default would have checkpointed and restarted at 1000
    EXPECT_LT(log_frames(), static_cast<std::uintmax_t>(kWalCheckpointPages));
    std::uintmax_t largest = 0;
    for (int i = 0; i < 3 * kWalCheckpointPages; ++i) {
      insert();
      largest = std::max(largest, log_frames());
    }
    EXPECT_GE(largest, static_cast<std::uintmax_t>(kWalCheckpointPages));
    // A commit of a few pages takes the log past the limit and checkpoints; the next one restarts it.
    EXPECT_LT(largest, static_cast<std::uintmax_t>(kWalCheckpointPages) + 16);
    auto count = c.Prepare("SELECT count(*) FROM blobs");
    ASSERT_TRUE(count.Step());
    EXPECT_EQ(count.ColumnInt(0), 600 + 3 * kWalCheckpointPages);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace nmshd::storage::sqlite
