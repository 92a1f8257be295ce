#pragma once
// Commits whose flush to disk is waited for later, off the thread that made them.
//
// While a DeferredDurability is alive on a thread, that thread's SQLite commits return right after
// COMMIT, before they are durable, and its reads do not wait for the commits they see to be
// durable. What the scope committed or saw is recorded as its debt (DurabilityDebt). Nothing built
// on that work may leave the process before the debt is settled:
// * the Connector's sync applies a window of external events this way, calls
//   Database::FlushCommitted once, and only then publishes their events (and later tells the
//   Backbone they were processed);
// * the Backbone answers a request this way: the server holds the answer until
//   DurabilityDebt::WhenSettled calls back, while the handler thread takes the next request
//   (sqlite_group_commit.h flushes for all waiting answers at once).
// Other threads are unaffected: outside a scope, reads still wait until whatever they see is durable.
// SQLite only; PostgreSQL commits are durable when they return and owe nothing.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace nmshd::storage {

// Where deferred commits become durable (SQLite's group commit). Commits are numbered in order.
class DurabilitySource {
 public:
  // Calls `done` once commit number `seq` and every one before it is durable, with an empty string,
  // or with the reason it never will be. Calls it at once, on this thread, when that is already
  // known; otherwise later on a thread of the source's own: `done` must be quick and must not throw.
  virtual void WhenDurable(std::uint64_t seq, std::function<void(const std::string& failure)> done) = 0;

 protected:
  ~DurabilitySource() = default;
};

// The latest commit a deferred scope made or saw, per source. A source must outlive the debts on it.
class DurabilityDebt {
 public:
  void Add(DurabilitySource& source, std::uint64_t seq);
  void Add(const DurabilityDebt& other);
  bool empty() const { return owed_.empty(); }

  // Calls `done` once, after every source has made its part durable: with an empty string, or
  // with the first failure. At once when nothing is owed.
  void WhenSettled(std::function<void(const std::string& failure)> done) const;

 private:
  std::vector<std::pair<DurabilitySource*, std::uint64_t>> owed_;
};

class DeferredDurability {
 public:
  DeferredDurability();
  // An inner scope's debt becomes the enclosing scope's.
  ~DeferredDurability();
  DeferredDurability(const DeferredDurability&) = delete;
  DeferredDurability& operator=(const DeferredDurability&) = delete;

  static bool Active();
  // For backends: the current thread's transaction committed, or took a snapshot containing, commit
  // `seq` of `source`, which may not be durable yet. Ignored outside a scope.
  static void Owe(DurabilitySource& source, std::uint64_t seq);

  const DurabilityDebt& debt() const { return debt_; }

 private:
  DeferredDurability* enclosing_;
  DurabilityDebt debt_;
};

}  // namespace nmshd::storage
