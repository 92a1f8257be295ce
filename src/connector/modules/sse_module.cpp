#include "connector/modules/sse_module.h"

#include <algorithm>

#include "base/coded_error.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"
#include "transport/backbone/sse_event_parser.h"

namespace nmshd::connector {

namespace {

// The official module's URL (the SSE server answers v1 and v2).
constexpr std::string_view kSsePath = "/api/v1/sse";
constexpr std::string_view kExternalEventCreated = "ExternalEventCreated";

}  // namespace

SseModuleOptions SseModuleOptions::FromConfig(const boost::json::object& module, bool debug) {
  SseModuleOptions options;
  if (const auto* override_url = module.if_contains("baseUrlOverride"); override_url != nullptr && !override_url->is_null()) {
    if (!override_url->is_string()) {
      throw CodedError("error.config.invalid", "modules.sse.baseUrlOverride must be a string");
    }
    if (!override_url->get_string().empty()) {
      if (!debug) throw CodedError("error.config.invalid", "modules.sse.baseUrlOverride is only allowed in debug mode");
      options.base_url_override = std::string(override_url->get_string());
    }
  }
  return options;
}

SseModule::SseModule(transport::SyncEngine& sync, transport::BackboneClient& backbone, SseModuleOptions options)
    : sync_(sync), backbone_(backbone), options_(std::move(options)) {}

SseModule::~SseModule() { Stop(); }

std::uint64_t SseModule::connections() const {
  std::lock_guard lock(mutex_);
  return connections_;
}

bool SseModule::RunSync(bool from_now) {
  logging::CorrelationScope scope(logging::NewCorrelationId());
  auto log = logging::GetLogger("SseModule");
  try {
    const auto outcome = from_now ? sync_.SyncEverythingFromNow() : sync_.SyncEverything();
    if (outcome.events > 0) log.Info("synced {} external events in {} runs", outcome.events, outcome.runs);
    return true;
  } catch (const std::exception& e) {
    log.Error("sync failed: {}", e.what());
    return false;
  }
}

void SseModule::Trigger() {
  {
    std::lock_guard lock(mutex_);
    sync_pending_ = true;
  }
  wake_.notify_all();
}

bool SseModule::Pause(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, delay, [this] { return stopping_; });
}

void SseModule::Start() {
  RunSync(false);
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || started_) return;
    started_ = true;
  }
  sync_thread_ = std::thread([this] { SyncLoop(); });
  stream_thread_ = std::thread([this] { StreamLoop(); });
}

void SseModule::SyncLoop() {
  auto retry_delay = options_.initial_backoff;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || sync_pending_; });
    if (stopping_) return;
    sync_pending_ = false;
    lock.unlock();
    const bool ok = RunSync(true);
    lock.lock();
    if (ok) {
      retry_delay = options_.initial_backoff;
      continue;
    }
    // Nothing may announce the missed events again while the stream stays open: try again later.
    if (wake_.wait_for(lock, retry_delay, [this] { return stopping_ || sync_pending_; })) continue;
    sync_pending_ = true;
    retry_delay = std::min(retry_delay * 2, options_.max_backoff);
  }
}

void SseModule::StreamLoop() {
  auto log = logging::GetLogger("SseModule");
  const std::string where = (options_.base_url_override.empty() ? backbone_.options().base_url : options_.base_url_override) +
                            std::string(kSsePath);
  transport::EventStreamOptions stream_options;
  stream_options.base_url = options_.base_url_override;
  stream_options.idle_timeout = options_.idle_timeout;
  auto backoff = options_.initial_backoff;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    std::chrono::steady_clock::time_point opened_at{};
    bool opened = false;
    transport::SseEventParser parser([this](const transport::SseEvent& event) {
      if (event.type == kExternalEventCreated) Trigger();
    });
    transport::StreamCallbacks callbacks;
    callbacks.on_open = [&](int, const transport::HeaderList&) {
      opened = true;
      opened_at = std::chrono::steady_clock::now();
      {
        std::lock_guard lock(mutex_);
        ++connections_;
      }
      log.Info("connected to the SSE endpoint {}", where);
      Trigger();  // whatever happened while we were not connected
    };
    callbacks.on_data = [&parser](std::string_view bytes) { parser.Feed(bytes); };
    try {
      log.Debug("connecting to the SSE endpoint {}", where);
      if (!backbone_.StreamEvents(kSsePath, stream_options, callbacks, abort_)) return;  // Stop
      log.Warn("the SSE endpoint {} closed the stream; reconnecting", where);
    } catch (const std::exception& e) {
      if (abort_.aborted()) return;
      log.Warn("the connection to the SSE endpoint {} failed: {}", where, e.what());
    }
    // As the official module does when it finds the stream closed: sync anyway. While the stream
    // cannot be opened (a proxy that refuses event streams, say) this keeps the connector polling
    // at the backoff interval instead of never syncing again.
    Trigger();
    if (opened && std::chrono::steady_clock::now() - opened_at >= options_.stable_connection) {
      backoff = options_.initial_backoff;
    }
    if (!Pause(backoff)) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

void SseModule::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  abort_.Abort();
  wake_.notify_all();
  if (stream_thread_.joinable()) stream_thread_.join();
  if (sync_thread_.joinable()) sync_thread_.join();
}

}  // namespace nmshd::connector
