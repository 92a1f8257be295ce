#include "connector/modules/sync_module.h"

#include "logging/correlation_id.h"
#include "logging/log_system.h"

namespace nmshd::connector {

SyncModule::SyncModule(transport::SyncEngine& sync, std::chrono::milliseconds interval)
    : sync_(sync), interval_(interval) {}

SyncModule::~SyncModule() { Stop(); }

void SyncModule::RunOnce() {
  logging::CorrelationScope scope(logging::NewCorrelationId());
  try {
    const auto outcome = sync_.SyncEverything();
    if (outcome.events > 0) {
      logging::GetLogger("SyncModule").Info("synced {} external events in {} runs", outcome.events, outcome.runs);
    }
  } catch (const std::exception& e) {
    logging::GetLogger("SyncModule").Error("sync failed: {}", e.what());
  }
}

void SyncModule::Start() {
  RunOnce();
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) break;
      lock.unlock();
      RunOnce();
      lock.lock();
    }
  });
}

void SyncModule::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace nmshd::connector
