#pragma once
// Group commit for the transactions of one SQLite database in this process.
//
// Why: with WAL and synchronous=FULL every COMMIT flushes the log while it holds SQLite's single
// write lock, so each writer pays a whole flush and nobody else commits meanwhile. Here the
// connections' COMMIT only writes the log (Connection's CommitSync::kByGroupCommit: the
// write-batching VFS of sqlite_wal_write_batching.h answers its sync by writing) and the flush of the
// log is done here, after the COMMIT and outside the write lock: one waiting writer flushes for every
// transaction committed so far while the next writers already commit, and those share the following
// flush. A writer's Leave() returns only after a flush that started after its COMMIT had written the
// log, so whatever a caller acknowledges is durable exactly as with FULL. SQLite itself still flushes
// the log before every checkpoint.
//
// Readers: a committed but not yet flushed transaction is visible to other connections. So that no
// answer is ever built on data a power loss could take back, a read-only transaction waits, right
// after it took its snapshot, until every commit that snapshot can contain is flushed (BeginRead()).
//
// Writers: each runs its own SQLite transaction (BEGIN IMMEDIATE .. COMMIT or ROLLBACK), one at a
// time (a slot here, so they queue on a condition variable instead of polling in SQLite's busy
// handler), all on one connection kept for writing: no other connection of this process writes, so
// its page cache stays valid from one writer to the next (SQLite drops a connection's whole cache when
// another connection changed the database). The flushes go through a second connection of their own.
// A failed COMMIT fails that writer only. A failed flush fails every writer and reader waiting for
// it and all later ones: after an fsync error the kernel may have dropped the dirty pages, so
// nothing written since the last good flush can be promised any more (the process must be
// restarted, as PostgreSQL does on a failed fsync).
//
// Deferred durability (storage/deferred_durability.h): a writer that leaves with `durable` false and
// a reader that begins with it false do not wait; the commit they made or saw is recorded as their
// scope's debt, and WhenDurable() lets its owner be called back instead. Those callbacks are run by
// a flushing thread of this object's own, started on first use, which flushes whenever a callback
// waits for a commit that has completed and nobody else is flushing: the answers waiting meanwhile
// share the next flush, and no handler thread blocks on it.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/deferred_durability.h"
#include "storage/sqlite/sqlite_connection.h"

namespace nmshd::storage::sqlite {

class GroupCommit final : public DurabilitySource {
 public:
  // Opens a connection to the database (CommitSync::kByGroupCommit).
  using Open = std::function<std::unique_ptr<Connection>()>;
  // Makes everything committed so far durable, through the given connection's log file.
  using Flush = std::function<void(Connection&)>;

  // One read-write transaction, from Join() to Leave().
  class Membership {
   public:
    Membership() = default;
    Membership(Membership&&) noexcept = default;
    Membership& operator=(Membership&&) noexcept = default;
    Connection& connection() const { return *connection_; }
    explicit operator bool() const { return connection_ != nullptr; }

   private:
    friend class GroupCommit;
    Connection* connection_ = nullptr;
  };

  // `wait_for_active_writer`: how long the flushing thread waits at most for the COMMIT of a writer
  // that is inside its transaction when a flush is due (RunCallbacks).
  GroupCommit(Open open, std::chrono::milliseconds busy_timeout, Flush flush = &Connection::SyncLog,
              std::chrono::microseconds wait_for_active_writer = std::chrono::microseconds(500))
      : open_(std::move(open)),
        busy_timeout_(busy_timeout),
        flush_(std::move(flush)),
        wait_for_active_writer_(wait_for_active_writer) {}
  // Flushes for the callbacks still waiting (or fails them when it cannot), then stops the flushing
  // thread. Nobody may commit any more.
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Waits (up to the busy timeout, then "error.storage.busy") until no other writer runs, then
  // begins an IMMEDIATE transaction on the writing connection.
  Membership Join();

  // Ends the writer. `committed`: COMMIT, let the next writer in, and return once the commit is
  // durable (throws "error.storage.backend" when the COMMIT or the flush failed); with `durable`
  // false right after the COMMIT, which becomes the thread's DeferredDurability debt (settled by
  // FlushCommitted or WhenDurable). Otherwise the
  // transaction is rolled back and Leave() returns at once (never throws).
  void Leave(Membership& member, bool committed, bool durable = true);

  // For a read-only transaction that has just begun on `connection` (BEGIN DEFERRED): takes its
  // snapshot and, with `durable`, waits until every commit it can see is durable; without, those
  // commits become the thread's DeferredDurability debt. Throws "error.storage.backend" after a
  // failed flush.
  void BeginRead(Connection& connection, bool durable = true);

  // Waits until everything committed before the call is durable (for a copy of the database file).
  void FlushCommitted();

  void WhenDurable(std::uint64_t seq, std::function<void(const std::string& failure)> done) override;

  // For tests and diagnostics: flushes done so far, and writers now waiting in Join().
  std::uint64_t Flushes() const;
  std::size_t Waiting() const;

 private:
  // Returns once commit number `seq` is flushed, flushing itself when nobody else is.
  void WaitDurable(std::uint64_t seq);
  void ReleaseSlot();
  // With `lock` held and nobody flushing: flushes everything completed so far, with the lock released
  // meanwhile. Returns why no connection for flushing could be opened (nothing flushed, nothing
  // lost), else "" (a failed flush is recorded in flush_failure_).
  std::string FlushCompleted(std::unique_lock<std::mutex>& lock);
  // The flushing thread: runs the WhenDurable callbacks.
  void RunCallbacks();
  struct Callback;
  static void Answer(Callback& callback, const std::string& failure);

  Open open_;
  std::chrono::milliseconds busy_timeout_;
  Flush flush_;
  std::chrono::microseconds wait_for_active_writer_;

  // The writer slot.
  mutable std::mutex slot_mutex_;
  std::condition_variable slot_free_;
  bool writing_ = false;
  std::atomic<bool> writer_active_{false};  // writing_, for the flushing thread's look without the slot lock
  std::size_t queued_ = 0;                  // writers waiting in Join()
  std::unique_ptr<Connection> writer_;      // used by the slot's holder only; opened on first use

  // Commit numbers: `assigned_` is taken right before a COMMIT (a snapshot can contain commits up
  // to it), `completed_` once that COMMIT returned (its log writes are done: a flush covers it),
  // `flushed_` is the highest number a finished flush covered.
  mutable std::mutex durable_mutex_;
  std::condition_variable durable_changed_;
  std::uint64_t assigned_ = 0;
  std::uint64_t completed_ = 0;
  std::uint64_t flushed_ = 0;
  bool flushing_ = false;
  std::unique_ptr<Connection> flusher_;  // used by the one flushing only; opened on first use
  std::string flush_failure_;            // sticky, see above
  std::uint64_t flushes_ = 0;
  struct Callback {
    std::uint64_t seq;
    std::function<void(const std::string&)> done;
  };
  std::vector<Callback> callbacks_;
  bool closing_ = false;
  std::thread callback_thread_;  // started by the first WhenDurable that has to wait
};

}  // namespace nmshd::storage::sqlite
