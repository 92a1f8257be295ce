#include "connector/app/stop_watchdog.h"

#include <cstdlib>

#include "logging/log_system.h"

namespace nmshd::connector {

StopWatchdog::StopWatchdog(std::chrono::milliseconds bound)
    : thread_([this, bound] {
        std::unique_lock lock(mutex_);
        if (disarmed_.wait_for(lock, bound, [this] { return done_; })) return;
        logging::GetLogger("ConnectorRuntime")
            .Error("the stop did not finish within shutdownTimeoutSeconds ({} s); exiting now, abandoning what "
                   "still runs (committed writes are kept, the next start continues from them)",
                   std::chrono::duration_cast<std::chrono::seconds>(bound).count());
        logging::CurrentLogSystem()->Flush();
        std::_Exit(1);
      }) {}

StopWatchdog::~StopWatchdog() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  disarmed_.notify_all();
  thread_.join();
}

}  // namespace nmshd::connector
