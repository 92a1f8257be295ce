#include "storage/sqlite/sqlite_group_commit.h"

#include "base/coded_error.h"

namespace nmshd::storage::sqlite {

struct GroupCommit::Batch {
  explicit Batch(Pool::Lease l) : lease(std::move(l)) {}
  Pool::Lease lease;
  std::size_t members = 0;  // members folded in (committed savepoints)
  bool poisoned = false;    // a member's savepoint could not be rolled back: the batch must not commit
  bool done = false;
  bool ok = false;
  std::string failure;
};

GroupCommit::Membership::Membership(GroupCommit* owner, std::shared_ptr<Batch> batch)
    : owner_(owner), batch_(std::move(batch)) {}

Connection& GroupCommit::Membership::connection() const { return *batch_->lease; }

GroupCommit::Membership GroupCommit::Join() {
  std::shared_ptr<Batch> batch;
  {
    std::unique_lock lock(mutex_);
    ++queued_;
    const bool free = changed_.wait_for(lock, busy_timeout_, [&] { return !member_active_; });
    --queued_;
    if (!free) throw CodedError("error.storage.busy", "timed out waiting for the SQLite writer");
    member_active_ = true;
    if (!open_) {
      try {
        auto lease = pool_.Acquire();
        lease->Exec("BEGIN IMMEDIATE");
        open_ = std::make_shared<Batch>(std::move(lease));
      } catch (...) {
        member_active_ = false;
        changed_.notify_all();
        throw;
      }
    }
    batch = open_;
  }
  Membership member(this, batch);
  try {
    batch->lease->Exec("SAVEPOINT member");
  } catch (...) {
    Leave(member, false);
    throw;
  }
  return member;
}

void GroupCommit::Leave(Membership& member, bool committed) {
  auto batch = std::move(member.batch_);
  if (!batch) return;
  std::string release_failure;
  if (committed) {
    try {
      batch->lease->Exec("RELEASE member");
    } catch (const std::exception& e) {
      committed = false;  // the savepoint is still open: roll it back below, then report the failure
      release_failure = e.what();
    }
  }
  if (!committed) {
    try {
      batch->lease->Exec("ROLLBACK TO member");
      batch->lease->Exec("RELEASE member");
    } catch (...) {
      batch->poisoned = true;
    }
  }

  std::unique_lock lock(mutex_);
  if (committed) ++batch->members;
  const bool close_now = queued_ == 0 || batch->members >= kMaxMembers || batch->poisoned;
  if (close_now) {
    open_.reset();  // member_active_ stays set: nobody may use the connection while it commits
    lock.unlock();
    Finish(batch);
    lock.lock();
    member_active_ = false;
    changed_.notify_all();
  } else {
    member_active_ = false;
    changed_.notify_all();
    if (committed) changed_.wait(lock, [&] { return batch->done; });
  }
  if (committed && !batch->ok) {
    throw CodedError("error.storage.backend", "the SQLite commit failed: " + batch->failure);
  }
  if (!release_failure.empty()) {
    throw CodedError("error.storage.backend", "the SQLite commit failed: " + release_failure);
  }
}

void GroupCommit::Finish(const std::shared_ptr<Batch>& batch) {
  bool ok = false;
  std::string failure;
  if (batch->members > 0 && !batch->poisoned) {
    try {
      batch->lease->Exec("COMMIT");
      ok = true;
    } catch (const std::exception& e) {
      failure = e.what();
    }
  } else if (batch->poisoned) {
    failure = "a transaction of the same group commit could not be rolled back";
  }
  if (!ok) {
    try {
      batch->lease->Exec("ROLLBACK");
    } catch (...) {
      batch->lease.MarkBroken();  // never hand out a connection that may still be inside a transaction
    }
  }
  {
    std::lock_guard lock(mutex_);
    batch->done = true;
    batch->ok = ok || batch->members == 0;
    if (ok) ++batches_committed_;
    batch->failure = std::move(failure);
  }
  // The connection goes back to the pool with the last reference to the batch.
}

std::uint64_t GroupCommit::BatchesCommitted() const {
  std::lock_guard lock(mutex_);
  return batches_committed_;
}

std::size_t GroupCommit::Waiting() const {
  std::lock_guard lock(mutex_);
  return queued_;
}

}  // namespace nmshd::storage::sqlite
