// The write-batching VFS (sqlite_wal_write_batching.h) under the connections of the group commit: a
// COMMIT's frames reach the log file in one write and are readable by every other connection when
// the COMMIT returns, the COMMIT itself does not flush (the group commit does, through SyncLog), every
// checkpoint still flushes both files, large transactions are written whole, and nothing is lost
// when the database is opened again without this VFS.
#include "storage/sqlite/sqlite_wal_write_batching.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>

#include "storage/sqlite/sqlite_connection.h"

namespace nmshd::storage::sqlite {
namespace {

using namespace std::chrono_literals;

class WalWriteBatchingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("nmshd-wwb-" + std::to_string(std::random_device{}() % 1000000000u));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::int64_t Count(Connection& c, const std::string& sql) {
    auto stmt = c.Prepare(sql);
    EXPECT_TRUE(stmt.Step());
    return stmt.ColumnInt(0);
  }
  static std::string Text(Connection& c, const std::string& sql) {
    auto stmt = c.Prepare(sql);
    EXPECT_TRUE(stmt.Step());
    return stmt.ColumnText(0);
  }
  static std::string VfsName(Connection& c) {
    sqlite3_vfs* vfs = nullptr;
    EXPECT_EQ(sqlite3_file_control(c.handle(), "main", SQLITE_FCNTL_VFS_POINTER, &vfs), SQLITE_OK);
    return vfs != nullptr ? vfs->zName : "";
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(WalWriteBatchingTest, OnlyGroupCommitConnectionsUseItWithTheSyncSettingsItReliesOn) {
  Connection grouped(path_, 5000ms, CommitSync::kByGroupCommit);
  EXPECT_EQ(VfsName(grouped), WalWriteBatchingVfs());
  EXPECT_EQ(Count(grouped, "PRAGMA synchronous"), 2);  // FULL: every COMMIT syncs, i.e. writes out, its frames
  EXPECT_EQ(Count(grouped, "PRAGMA checkpoint_fullfsync"), 1);  // checkpoints ask for real flushes
  Connection own(path_, 5000ms);
  EXPECT_NE(VfsName(own), WalWriteBatchingVfs());
  EXPECT_EQ(Count(own, "PRAGMA synchronous"), 2);
  EXPECT_EQ(Count(own, "PRAGMA checkpoint_fullfsync"), 0);
}

TEST_F(WalWriteBatchingTest, ACommitIsOneWriteReadableAtOnceAndFlushedOnlyBySyncLog) {
  Connection writer(path_, 5000ms, CommitSync::kByGroupCommit);
  Connection reader(path_, 5000ms, CommitSync::kByGroupCommit);
  writer.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  EXPECT_EQ(Count(reader, "SELECT count(*) FROM t"), 0);  // the reader has its log open

  const auto before = WalWriteBatchingCountsNow();
  // About five pages: the row's leaf and its overflow pages, each a frame of two writes.
  writer.Exec("INSERT INTO t (id, data) VALUES (1, randomblob(16000))");
  const auto after = WalWriteBatchingCountsNow();
  EXPECT_GE(after.writes - before.writes, 10u);
  EXPECT_EQ(after.pwrites - before.pwrites, 1u);
  EXPECT_EQ(after.commit_syncs - before.commit_syncs, 1u);
  EXPECT_EQ(after.flushes - before.flushes, 0u);  // the COMMIT wrote, it did not flush

  // Another connection reads through a descriptor of its own: the frames must be in the file.
  EXPECT_EQ(Count(reader, "SELECT length(data) FROM t WHERE id = 1"), 16000);

  writer.SyncLog();
  EXPECT_EQ(WalWriteBatchingCountsNow().flushes - after.flushes, 1u);
}

TEST_F(WalWriteBatchingTest, LargeTransactionsAreWrittenWhole) {
  // Beyond what is collected (64 KiB) and beyond the 128 KiB a single platform write can take.
  {
    Connection writer(path_, 5000ms, CommitSync::kByGroupCommit);
    writer.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
    writer.Exec("BEGIN IMMEDIATE");
    for (int i = 0; i < 40; ++i) writer.Exec("INSERT INTO t (data) VALUES (randomblob(100000))");
    writer.Exec("COMMIT");
    writer.Exec("INSERT INTO t (data) VALUES (randomblob(1000000))");  // one row of 1 MB
    EXPECT_EQ(Count(writer, "SELECT count(*) FROM t"), 41);
    writer.SyncLog();
  }
  Connection plain(path_, 5000ms);
  EXPECT_EQ(Count(plain, "SELECT count(*) FROM t"), 41);
  EXPECT_EQ(Count(plain, "SELECT sum(length(data)) FROM t"), 40 * 100000 + 1000000);
  EXPECT_EQ(Text(plain, "PRAGMA integrity_check"), "ok");
}

TEST_F(WalWriteBatchingTest, CheckpointsFlushBothFilesAndStartTheirWritebackEarly) {
  Connection writer(path_, 5000ms, CommitSync::kByGroupCommit);
  Connection reader(path_, 5000ms, CommitSync::kByGroupCommit);
  writer.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  const auto before = WalWriteBatchingCountsNow();
  // One page per commit until the log passes its limit: the COMMIT that does checkpoints.
  int rows = 0;
  while (std::filesystem::file_size(path_) < 1024 * 1024) {
    writer.Exec("INSERT INTO t (data) VALUES (randomblob(3000))");
    ASSERT_LT(++rows, 3 * kWalCheckpointPages) << "no checkpoint copied the log into the database file";
  }
  const auto after = WalWriteBatchingCountsNow();
  // The checkpoint flushed the log before copying it and the database file after.
  EXPECT_GE(after.flushes - before.flushes, 2u);
  // Only those: the commits themselves did not flush.
  EXPECT_LE(after.flushes - before.flushes, 3u);
  EXPECT_GT(after.writebacks - before.writebacks, 0u);  // the platform's descriptor was found
  EXPECT_EQ(Count(reader, "SELECT count(*) FROM t"), rows);
  EXPECT_EQ(Text(reader, "PRAGMA integrity_check"), "ok");
}

TEST_F(WalWriteBatchingTest, EverythingCommittedIsThereWhenOpenedWithoutIt) {
  {
    Connection writer(path_, 5000ms, CommitSync::kByGroupCommit);
    writer.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    for (int i = 0; i < 2000; ++i) writer.Exec("INSERT INTO t (n) VALUES (" + std::to_string(i) + ")");
    writer.SyncLog();
  }
  Connection plain(path_, 5000ms);
  EXPECT_EQ(Count(plain, "SELECT count(*) FROM t"), 2000);
  EXPECT_EQ(Count(plain, "SELECT sum(n) FROM t"), 1999 * 2000 / 2);
  EXPECT_EQ(Text(plain, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace nmshd::storage::sqlite
