#pragma once
// The `sync` module (connector SyncModule.ts): one sync at start (the caller waits for it), then
// one `interval` seconds after the previous one finished, never overlapping. Each run gets its
// own correlation id; failures are logged and the timer goes on.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "transport/modules/sync/sync_engine.h"

namespace nmshd::connector {

class SyncModule {
 public:
  SyncModule(transport::SyncEngine& sync, std::chrono::milliseconds interval);
  ~SyncModule();
  void Start();
  // Waits for a running sync to finish.
  void Stop();

 private:
  void RunOnce();
  transport::SyncEngine& sync_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace nmshd::connector
