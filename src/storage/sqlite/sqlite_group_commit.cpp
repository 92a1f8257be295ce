#include "storage/sqlite/sqlite_group_commit.h"

#include <algorithm>
#include <iterator>
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
    writer_active_.store(true, std::memory_order_relaxed);
  }
  Membership member;
  try {
    if (!writer_) writer_ = open_();
    writer_->ExecCached("BEGIN IMMEDIATE");
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
    writer_active_.store(false, std::memory_order_relaxed);
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
      connection.ExecCached("ROLLBACK");
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
    connection.ExecCached("COMMIT");
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
  if (durable) {
    WaitDurable(seq);
  } else {
    DeferredDurability::Owe(*this, seq);
  }
}

std::string GroupCommit::FlushCompleted(std::unique_lock<std::mutex>& lock) {
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
    if (open_failure.empty()) open_failure = "unknown error";
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
  if (open_failure.empty()) {
    if (failure.empty()) {
      if (target > flushed_) flushed_ = target;
      ++flushes_;
    } else {
      flush_failure_ = std::move(failure);
    }
  }
  durable_changed_.notify_all();
  return open_failure;
}

void GroupCommit::WaitDurable(std::uint64_t seq) {
  std::unique_lock lock(durable_mutex_);
  for (;;) {
    if (!flush_failure_.empty()) {
      throw CodedError("error.storage.backend", "the SQLite log could not be flushed: " + flush_failure_);
    }
    if (flushed_ >= seq) return;
    if (!flushing_ && completed_ >= seq) {
      if (auto open_failure = FlushCompleted(lock); !open_failure.empty()) {
        throw CodedError("error.storage.backend", "cannot open a connection to flush the SQLite log: " + open_failure);
      }
      continue;
    }
    durable_changed_.wait(lock);
  }
}

void GroupCommit::WhenDurable(std::uint64_t seq, std::function<void(const std::string& failure)> done) {
  std::unique_lock lock(durable_mutex_);
  if (!flush_failure_.empty() || flushed_ >= seq) {
    const std::string failure =
        flush_failure_.empty() ? std::string() : "the SQLite log could not be flushed: " + flush_failure_;
    lock.unlock();
    done(failure);
    return;
  }
  if (!callback_thread_.joinable()) {
    try {
      callback_thread_ = std::thread([this] { RunCallbacks(); });
    } catch (const std::exception& e) {
      lock.unlock();
      done(std::string("cannot start the thread that flushes the SQLite log: ") + e.what());
      return;
    }
  }
  callbacks_.push_back(Callback{seq, std::move(done)});
  durable_changed_.notify_all();
}

void GroupCommit::Answer(Callback& callback, const std::string& failure) {
  // Callbacks must not throw; one that does (out of memory while posting an answer) must neither end
  // the process, as an exception leaving this thread would, nor keep the others from being answered.
  try {
    callback.done(failure);
  } catch (...) {
  }
}

void GroupCommit::RunCallbacks() {
  std::unique_lock lock(durable_mutex_);
  for (;;) {
    std::vector<Callback> ready;
    std::string failure;
    if (!flush_failure_.empty()) {
      ready = std::move(callbacks_);
      callbacks_.clear();
      failure = "the SQLite log could not be flushed: " + flush_failure_;
    } else {
      // Whatever another thread's flush already covered is answered without a flush of our own.
      auto covered =
          std::partition(callbacks_.begin(), callbacks_.end(), [&](const Callback& c) { return c.seq > flushed_; });
      std::move(covered, callbacks_.end(), std::back_inserter(ready));
      callbacks_.erase(covered, callbacks_.end());
    }
    if (!ready.empty()) {
      lock.unlock();
      for (auto& callback : ready) Answer(callback, failure);
      ready.clear();  // the callbacks' captures are released outside the lock too
      lock.lock();
      continue;
    }
    if (callbacks_.empty()) {
      if (closing_) return;
      durable_changed_.wait(lock);
      continue;
    }
    const auto lowest =
        std::min_element(callbacks_.begin(), callbacks_.end(), [](const Callback& a, const Callback& b) {
          return a.seq < b.seq;
        })->seq;
    if (!flushing_ && completed_ >= lowest) {
      // A writer inside its transaction now commits within microseconds, and a flush costs far more
      // than that: waiting for its COMMIT (bounded) lets one flush answer both. Without a writer
      // there is nothing to wait for, so a lone request is flushed at once.
      if (writer_active_.load(std::memory_order_relaxed)) {
        const std::uint64_t seen = completed_;
        durable_changed_.wait_for(lock, wait_for_active_writer_, [&] {
          return completed_ > seen || closing_ || !writer_active_.load(std::memory_order_relaxed);
        });
        if (flushing_) continue;
      }
      if (auto open_failure = FlushCompleted(lock); !open_failure.empty()) {
        // Nothing flushed: these answers cannot be promised durable; later ones try again.
        ready = std::move(callbacks_);
        callbacks_.clear();
        lock.unlock();
        for (auto& callback : ready)
          Answer(callback, "cannot open a connection to flush the SQLite log: " + open_failure);
        ready.clear();
        lock.lock();
      }
      continue;
    }
    if (closing_ && !flushing_) {
      // A commit numbered but never completed: nobody may commit once the database closes.
      ready = std::move(callbacks_);
      callbacks_.clear();
      lock.unlock();
      for (auto& callback : ready) Answer(callback, "the database was closed");
      lock.lock();
      return;
    }
    durable_changed_.wait(lock);
  }
}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard lock(durable_mutex_);
    closing_ = true;
  }
  durable_changed_.notify_all();
  if (callback_thread_.joinable()) callback_thread_.join();
}

void GroupCommit::BeginRead(Connection& connection, bool durable) {
  // The snapshot of a deferred transaction is taken by its first read; reading the schema cookie
  // takes it without touching any table. Every commit it contains was numbered before it.
  {
    auto stmt = connection.Prepare("PRAGMA schema_version");
    stmt.Step();
  }
  std::uint64_t visible = 0;
  {
    std::lock_guard lock(durable_mutex_);
    if (flush_failure_.empty() && flushed_ >= assigned_) return;
    visible = assigned_;
  }
  if (durable) {
    WaitDurable(visible);
  } else {
    DeferredDurability::Owe(*this, visible);
  }
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
