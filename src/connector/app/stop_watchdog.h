#pragma once
// The hard end of the stop bound (ConnectorConfig::shutdownTimeoutSeconds): armed when the stop
// signal arrives, it ends the process with exit code 1 if the graceful stop has not finished by
// then (e.g. a sync the sync module waits for hangs on an unresponsive Backbone), after logging
// why. Abandoning what still runs is safe: every write that must survive is a committed
// transaction, so this is no worse than a crash, which the crash tests cover. An orchestrator
// therefore sees the exit within the bound instead of having to SIGKILL.
//
//   StopWatchdog watchdog(std::chrono::seconds(config.shutdownTimeoutSeconds));
//   app->Stop();   // the destructor disarms it
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace nmshd::connector {

class StopWatchdog {
 public:
  explicit StopWatchdog(std::chrono::milliseconds bound);
  ~StopWatchdog();
  StopWatchdog(const StopWatchdog&) = delete;
  StopWatchdog& operator=(const StopWatchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable disarmed_;
  bool done_ = false;
  std::thread thread_;  // last: starts after the members it uses exist
};

}  // namespace nmshd::connector
