#pragma once
// Group commit for the read-write transactions of one SQLite database in this process.
//
// Why: with WAL and synchronous=FULL every COMMIT waits for an fsync of the log, and SQLite has one
// writer at a time, so writers that each commit on their own are bounded by the flush latency. Here
// the writers that arrive while another one runs share one SQLite transaction (a "batch") on one
// connection: each member runs inside a SAVEPOINT of the batch, one after the other, and when the
// last queued member is done the batch is committed with a single flush. A member's Commit() returns
// only after that flush, so whatever a caller acknowledges is durable exactly as before.
//
// Semantics per member are those of a serial transaction: members never overlap, a member that
// throws or is destroyed uncommitted is rolled back to its savepoint and leaves no trace, and a
// member sees the writes of the members before it in the same batch. The members of one batch
// succeed or fail together at the final COMMIT: if it fails (disk full, I/O error), every member's
// Commit() throws, so no member acknowledges a write that a failed batch lost. A member that could
// not be rolled back to its savepoint poisons the batch, which is then rolled back whole.
//
// A batch is closed when no other writer waits or when it has kMaxMembers members, so a steady
// stream of writers cannot postpone a commit indefinitely.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "storage/connection_pool.h"
#include "storage/sqlite/sqlite_connection.h"

namespace nmshd::storage::sqlite {

class GroupCommit {
 public:
  using Pool = ConnectionPool<Connection>;
  static constexpr std::size_t kMaxMembers = 64;

  struct Batch;

  // One read-write transaction's place in a batch, from Join() to Leave().
  class Membership {
   public:
    Membership() = default;
    Membership(GroupCommit* owner, std::shared_ptr<Batch> batch);
    Membership(Membership&&) noexcept = default;
    Membership& operator=(Membership&&) noexcept = default;
    Connection& connection() const;
    explicit operator bool() const { return batch_ != nullptr; }

   private:
    friend class GroupCommit;
    GroupCommit* owner_ = nullptr;
    std::shared_ptr<Batch> batch_;
  };

  GroupCommit(Pool& pool, std::chrono::milliseconds busy_timeout) : pool_(pool), busy_timeout_(busy_timeout) {}

  // Waits (up to the busy timeout, then "error.storage.busy") until no other member runs, opens a
  // batch if none is open (a pooled connection, BEGIN IMMEDIATE) and starts this member's
  // savepoint. The caller then uses membership.connection() until it calls Leave().
  Membership Join();

  // Ends the member. `committed`: the member's savepoint is folded into the batch and Leave()
  // returns once the batch is durable (throws "error.storage.backend" when the batch failed).
  // Otherwise the member's savepoint is rolled back and Leave() returns at once (never throws).
  void Leave(Membership& member, bool committed);

  // For tests and diagnostics: batches committed so far, and writers now waiting in Join().
  std::uint64_t BatchesCommitted() const;
  std::size_t Waiting() const;

 private:
  // Closes `batch` (COMMIT, or ROLLBACK when it is poisoned or empty) and wakes its members.
  // Called with the lock released and `member_active_` still set, so nobody joins meanwhile.
  void Finish(const std::shared_ptr<Batch>& batch);

  Pool& pool_;
  std::chrono::milliseconds busy_timeout_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool member_active_ = false;      // a member (or the closing of a batch) uses the batch connection
  std::size_t queued_ = 0;          // writers waiting in Join()
  std::shared_ptr<Batch> open_;     // the batch new members join; null when none is open
  std::uint64_t batches_committed_ = 0;
};

}  // namespace nmshd::storage::sqlite
