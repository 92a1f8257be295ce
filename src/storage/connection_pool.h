#pragma once
// A bounded pool of database connections shared by the threads using one Database.
//
// Acquire() hands out a Lease that owns the connection exclusively until it is destroyed; then the
// connection goes back to the pool (or is dropped if the lease was marked broken). Connections are
// created lazily by the factory, at most `max_size` at a time; Acquire() waits up to `timeout` for a
// free one and then throws CodedError "error.storage.busy".
// Thread-safe. Leases keep the pool state alive, so a lease may outlive the Database that owns the pool.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/coded_error.h"

namespace nmshd::storage {

template <class Connection>
class ConnectionPool {
  struct State {
    std::function<std::unique_ptr<Connection>()> factory;
    std::size_t max_size;
    std::chrono::milliseconds timeout;
    std::mutex mutex;
    std::condition_variable released;
    std::vector<std::unique_ptr<Connection>> idle;
    std::size_t checked_out = 0;
  };

 public:
  class Lease {
   public:
    Lease(std::shared_ptr<State> state, std::unique_ptr<Connection> connection)
        : state_(std::move(state)), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (!state_) return;
      std::lock_guard lock(state_->mutex);
      if (connection_ && !broken_) state_->idle.push_back(std::move(connection_));
      --state_->checked_out;
      state_->released.notify_one();
    }

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    // The connection is unusable (e.g. the server went away): do not return it to the pool.
    void MarkBroken() { broken_ = true; }

   private:
    std::shared_ptr<State> state_;
    std::unique_ptr<Connection> connection_;
    bool broken_ = false;
  };

  ConnectionPool(std::function<std::unique_ptr<Connection>()> factory, std::size_t max_size,
                 std::chrono::milliseconds timeout)
      : state_(std::make_shared<State>()) {
    state_->factory = std::move(factory);
    state_->max_size = max_size == 0 ? 1 : max_size;
    state_->timeout = timeout;
  }

  Lease Acquire() {
    std::unique_lock lock(state_->mutex);
    const bool available = state_->released.wait_for(lock, state_->timeout, [&] {
      return !state_->idle.empty() || state_->checked_out < state_->max_size;
    });
    if (!available) {
      throw CodedError("error.storage.busy", "all database connections are in use");
    }
    ++state_->checked_out;
    if (!state_->idle.empty()) {
      auto connection = std::move(state_->idle.back());
      state_->idle.pop_back();
      return Lease(state_, std::move(connection));
    }
    lock.unlock();
    try {
      return Lease(state_, state_->factory());
    } catch (...) {
      std::lock_guard relock(state_->mutex);
      --state_->checked_out;
      state_->released.notify_one();
      throw;
    }
  }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace nmshd::storage
