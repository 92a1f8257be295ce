#pragma once
// RAII wrapper of one sqlite3 connection with a prepared-statement cache, configured for the storage
// layer: extended result codes, WAL (synchronous=FULL: a committed transaction survives power loss;
// with the group commit, which flushes the log itself, through the write-batching VFS whose COMMIT
// syncs only write), a busy timeout, and the
// nmshd_regexp(pattern, case_insensitive, text) SQL function.
// One thread at a time (opened with SQLITE_OPEN_NOMUTEX); the ConnectionPool guarantees that.
#include <sqlite3.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nmshd::storage::sqlite {

class Connection;

// A cached statement in use; reset and unbound when it goes out of scope.
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt) : connection_(&connection), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  void Bind(int index, std::string_view text);
  void Bind(int index, std::int64_t number);
  // Strings as TEXT, integers as INTEGER, other numbers as REAL.
  void Bind(int index, const boost::json::value& value);
  void BindAll(const std::vector<boost::json::value>& values);

  // Returns true while a row is available; throws mapped CodedErrors.
  bool Step();
  std::string ColumnText(int column) const;
  std::int64_t ColumnInt(int column) const;

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
};

// Who makes a COMMIT durable: SQLite inside the COMMIT (synchronous=FULL), or the group commit
// (sqlite_group_commit.h) after it, through SyncLog() (the write-batching VFS of
// sqlite_wal_write_batching.h, whose COMMIT syncs only write the frames out). Only a connection whose
// every write transaction goes through the group commit may use the latter.
enum class CommitSync { kFull, kByGroupCommit };

// The log is copied back into the database file (a checkpoint, run by the COMMIT that takes the log
// past this many pages) seven times less often than SQLite's default of 1000. A checkpoint holds the
// only writer's turn, flushes both files and writes every page the log holds a version of; in a
// larger log the same hot pages (the tables' last leaves, index pages, the b-tree roots) were
// rewritten by more commits and are copied once for all of them. Measured on the backbone's bench
// (A/B, same session): 1000 -> 4000 pages: challenges 17-18k -> 21k/s, message sends + fetches 6.2k ->
// 7.2k requests/s; with the write-batching VFS, whose early writeback cut the database file's flush
// at the end of a checkpoint from about 4.7 ms to 0.4 ms: 4000 -> 7000 pages 9.8k -> 10.3k requests/s
// (four runs each), 10000 no better (10.1k). Never checkpointing is slower still: an ever longer log is
// a file that grows on every commit, and each flush then also commits the file's new size. The log
// file keeps its largest size (about 28 MiB with 4 KiB pages) and is overwritten from its start after
// each checkpoint. The price is tail latency: the writers queued behind a longer checkpoint wait
// longer (send p99 10.5-11.7 ms at 4000, 13.2-14.4 at 7000, 15.6-16.9 at 10000).
inline constexpr int kWalCheckpointPages = 7000;

class Connection {
 public:
  // mmap_bytes > 0: reads of the database file through a memory map of up to that size (see
  // SqliteOptions::mmap_bytes).
  Connection(const std::string& path, std::chrono::milliseconds busy_timeout, CommitSync sync = CommitSync::kFull,
             std::uint64_t mmap_bytes = 0);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without results (may contain several statements).
  void Exec(const std::string& sql);
  // Runs one statement without results through the statement cache: for BEGIN, COMMIT and ROLLBACK,
  // which sqlite3_exec would parse again for every transaction, inside the writer's turn.
  void ExecCached(const std::string& sql);
  Statement Prepare(const std::string& sql);
  // Rows changed by the last statement.
  std::int64_t Changes() const;
  // Flushes this connection's write-ahead log file to stable storage (fdatasync): every transaction
  // committed before the call, by any connection, is then durable. Throws "error.storage.backend".
  void SyncLog();
  // The raw handle, for the online backup API (sqlite3_backup_init).
  sqlite3* handle() const { return db_; }

  // Throws the CodedError for a failed call (see document_store.h for codes).
  [[noreturn]] void Fail(int rc, std::string_view context) const;

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace nmshd::storage::sqlite
