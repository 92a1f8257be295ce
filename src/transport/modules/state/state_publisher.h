#pragma once
// Keeps the Backbone's copy of the state watermark (state_marker.h) up to date, off the request
// path: committing transactions only call Notify() (a counter and a condition variable); one
// background thread reads the summary and pushes it, at most one push in flight, at most one per
// `min_interval`, the newest watermark winning (changes in between coalesce).
//
// Nothing is lost by a failed or missing push: the database stays ahead of the Backbone, which is
// the safe direction (a restored copy of this database can only look older than it is, never
// newer). Failures are retried with a growing pause (1 s .. 30 s); while our own sync run is open
// the Backbone refuses datawallet pushes, which is expected and retried every 0.5 s quietly.
//
// The window (documented in README "Stale database"): the start check sees every change that
// the previous process published. A graceful stop publishes the last watermark (Flush), so after
// a clean stop the check is exact; after a crash or kill, changes of the last `min_interval` plus
// one push round trip may be missing from the Backbone's copy.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "storage/document_store.h"
#include "transport/modules/state/state_marker.h"

namespace nmshd::transport {

class StatePublisher {
 public:
  // `published`: the watermark the Backbone holds already (from the start check).
  StatePublisher(storage::Database& db, StateMarker& marker, std::int64_t published,
                 std::chrono::milliseconds min_interval);
  ~StatePublisher();
  StatePublisher(const StatePublisher&) = delete;
  StatePublisher& operator=(const StatePublisher&) = delete;

  // A transaction with this watermark committed. Cheap and non-blocking; any thread.
  void Notify(std::int64_t watermark);
  // Pushes what is not yet published without waiting for min_interval, and waits up to `timeout`.
  // True when the Backbone holds the newest watermark afterwards.
  bool Flush(std::chrono::milliseconds timeout);
  // Ends the thread (a push in flight finishes first). Idempotent; the destructor calls it.
  void Stop();

  std::int64_t published() const;

 private:
  void Run();

  storage::Database& db_;
  StateMarker& marker_;
  const std::chrono::milliseconds min_interval_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable progress_;
  std::int64_t wanted_ = 0;
  std::int64_t published_ = 0;
  bool flushing_ = false;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point next_push_{};
  std::thread thread_;
};

}  // namespace nmshd::transport
