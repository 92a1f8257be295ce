#include "storage/sqlite/sqlite_group_commit.h"

#include <utility>

#include "base/coded_error.h"

namespace nmshd::storage::sqlite {

GroupCommit::Membership GroupCommit::Join() {
  {
    std::unique_lock lock(slot_mutex_);
    ++queued_;
    const bool free = slot_free_.wait_for(lock, busy_timeout_, [&] { return !writing_; });
    --queued_;
    if (!free) throw CodedError("error.storage.busy", "timed out waiting for the SQLite writer");
    writing_ = true;
  }
  Membership member;
  try {
    if (!writer_) writer_ = open_();
    writer_->Exec("BEGIN IMMEDIATE");
  } catch (...) {
    ReleaseSlot();
    throw;
  }
  member.connection_ = writer_.get();
  return member;
}

void GroupCommit::ReleaseSlot() {
  {
    std::lock_guard lock(slot_mutex_);
    writing_ = false;
  }
  // One waiter is enough: it takes the slot, or (timed out at the same moment) finds it free in
  // its final predicate check and takes it anyway; nobody else can be woken for nothing.
  slot_free_.notify_one();
}

void GroupCommit::Leave(Membership& member, bool committed, bool durable) {
  if (!member) return;
  Connection& connection = *std::exchange(member.connection_, nullptr);
  // Called with the slot held; a connection that may still be inside a transaction is replaced.
  const auto roll_back = [&] {
    try {
      connection.Exec("ROLLBACK");
    } catch (...) {
      writer_.reset();
    }
  };
  if (!committed) {
    roll_back();
    ReleaseSlot();
    return;
  }

  std::uint64_t seq = 0;
  {
    std::lock_guard lock(durable_mutex_);
    seq = ++assigned_;
  }
  std::string commit_failure;
  try {
    connection.Exec("COMMIT");
  } catch (const std::exception& e) {
    commit_failure = e.what();
    roll_back();
  }
  {
    std::lock_guard lock(durable_mutex_);
    completed_ = seq;
  }
  durable_changed_.notify_all();  // a reader may wait for this number to be flushable
  ReleaseSlot();
  if (!commit_failure.empty()) throw CodedError("error.storage.backend", "the SQLite commit failed: " + commit_failure);
  if (durable) WaitDurable(seq);
}

void GroupCommit::WaitDurable(std::uint64_t seq) {
  std::unique_lock lock(durable_mutex_);
  for (;;) {
    if (!flush_failure_.empty()) {
      throw CodedError("error.storage.backend", "the SQLite log could not be flushed: " + flush_failure_);
    }
    if (flushed_ >= seq) return;
    if (!flushing_ && completed_ >= seq) {
      flushing_ = true;
      const std::uint64_t target = completed_;
      lock.unlock();
      std::string open_failure;
      std::string failure;
      try {
        if (!flusher_) {
          auto opened = open_();
          auto stmt = opened->Prepare("PRAGMA schema_version");  // opens the log file
          stmt.Step();
          flusher_ = std::move(opened);
        }
      } catch (const std::exception& e) {
        open_failure = e.what();  // nothing was flushed or lost: the next waiter tries again
      }
      if (open_failure.empty()) {
        try {
          flush_(*flusher_);
        } catch (const std::exception& e) {
          failure = e.what();
          if (failure.empty()) failure = "unknown error";
        }
      }
      lock.lock();
      flushing_ = false;
      if (!open_failure.empty()) {
        durable_changed_.notify_all();
        throw CodedError("error.storage.backend", "cannot open a connection to flush the SQLite log: " + open_failure);
      }
      if (failure.empty()) {
        if (target > flushed_) flushed_ = target;
        ++flushes_;
      } else {
        flush_failure_ = std::move(failure);
      }
      durable_changed_.notify_all();
      continue;
    }
    durable_changed_.wait(lock);
  }
}

void GroupCommit::BeginRead(Connection& connection, bool durable) {
  // The snapshot of a deferred transaction is taken by its first read; reading the schema cookie
  // takes it without touching any table. Every commit it contains was numbered before it.
  {
    auto stmt = connection.Prepare("PRAGMA schema_version");
    stmt.Step();
  }
  if (!durable) return;
  std::uint64_t visible = 0;
  {
    std::lock_guard lock(durable_mutex_);
    if (flush_failure_.empty() && flushed_ >= assigned_) return;
    visible = assigned_;
  }
  WaitDurable(visible);
}

void GroupCommit::FlushCommitted() {
  std::uint64_t committed = 0;
  {
    std::lock_guard lock(durable_mutex_);
    committed = assigned_;
  }
  WaitDurable(committed);
}

std::uint64_t GroupCommit::Flushes() const {
  std::lock_guard lock(durable_mutex_);
  return flushes_;
}

std::size_t GroupCommit::Waiting() const {
  std::lock_guard lock(slot_mutex_);
  return queued_;
}

}  // namespace nmshd::storage::sqlite
