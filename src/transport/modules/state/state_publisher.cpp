#include "transport/modules/state/state_publisher.h"

#include <algorithm>

#include "logging/log_system.h"
#include "transport/modules/state/state_watermark.h"

namespace nmshd::transport {
namespace {

constexpr std::chrono::milliseconds kFirstRetryPause{1000};
constexpr std::chrono::milliseconds kMaxRetryPause{30000};
constexpr std::chrono::milliseconds kBusyRetryPause{500};

}  // namespace

StatePublisher::StatePublisher(storage::Database& db, StateMarker& marker, std::int64_t published,
                               std::chrono::milliseconds min_interval)
    : db_(db), marker_(marker), min_interval_(min_interval), wanted_(published), published_(published) {
  thread_ = std::thread([this] { Run(); });
}

StatePublisher::~StatePublisher() { Stop(); }

void StatePublisher::Notify(std::int64_t watermark) {
  {
    std::lock_guard lock(mutex_);
    if (watermark <= wanted_) return;
    wanted_ = watermark;
  }
  wake_.notify_one();
}

bool StatePublisher::Flush(std::chrono::milliseconds timeout) {
  // Also whatever committed without a Notify reaching us (e.g. before the publisher existed).
  Notify(StateWatermark::Read(db_).watermark);
  std::unique_lock lock(mutex_);
  flushing_ = true;
  wake_.notify_one();
  progress_.wait_for(lock, timeout, [&] { return published_ >= wanted_ || stopping_; });
  flushing_ = false;
  return published_ >= wanted_;
}

void StatePublisher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  progress_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::int64_t StatePublisher::published() const {
  std::lock_guard lock(mutex_);
  return published_;
}

void StatePublisher::Run() {
  auto log = logging::GetLogger("transport.state");
  auto retry_pause = kFirstRetryPause;
  auto retry_at = std::chrono::steady_clock::time_point{};
  bool failing = false;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (wanted_ <= published_) {
      wake_.wait(lock, [&] { return stopping_ || wanted_ > published_; });
      continue;
    }
    // A failed push waits even when flushing; min_interval only while not flushing.
    const auto due = flushing_ ? retry_at : std::max(retry_at, next_push_);
    if (std::chrono::steady_clock::now() < due) {
      const bool flushing = flushing_;
      wake_.wait_until(lock, due, [&] { return stopping_ || flushing_ != flushing; });
      continue;
    }
    lock.unlock();
    std::optional<std::int64_t> pushed;
    bool busy = false;
    try {
      const auto summary = StateWatermark::Read(db_);
      const auto index = marker_.Publish(summary);
      pushed = summary.watermark;
      if (failing) log.Info("state watermark #{} published to the Backbone again (datawallet index {})", *pushed, index);
      else log.Debug("state watermark #{} published (datawallet index {})", *pushed, index);
    } catch (const BackboneError& e) {
      // Expected while our own sync run is open (the Backbone refuses datawallet pushes then);
      // the run's changes move the watermark again anyway, so simply try again shortly.
      busy = e.code().find("DuringActiveSyncRun") != std::string::npos;
      if (busy) {
        log.Debug("state watermark push deferred: a sync run is active");
      } else if (!failing) {
        log.Warn("cannot publish the state watermark to the Backbone yet (retrying; nothing is lost): {}", e.what());
      } else {
        log.Debug("publishing the state watermark failed again: {}", e.what());
      }
    } catch (const std::exception& e) {
      if (!failing) {
        log.Warn("cannot publish the state watermark to the Backbone yet (retrying; nothing is lost): {}", e.what());
      } else {
        log.Debug("publishing the state watermark failed again: {}", e.what());
      }
    }
    lock.lock();
    const auto now = std::chrono::steady_clock::now();
    if (pushed) {
      published_ = std::max(published_, *pushed);
      next_push_ = now + min_interval_;
      retry_pause = kFirstRetryPause;
      retry_at = {};
      failing = false;
      progress_.notify_all();
    } else if (busy) {
      retry_at = now + kBusyRetryPause;
    } else {
      retry_at = now + retry_pause;
      retry_pause = std::min(retry_pause * 2, kMaxRetryPause);
      failing = true;
    }
  }
}

}  // namespace nmshd::transport
