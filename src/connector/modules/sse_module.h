#pragma once
// The `sse` module (connector SseModule.ts): the Backbone pushes, we sync. On start one sync (the
// caller waits for it), then a stream of server-sent events from <baseUrl or baseUrlOverride>
// /api/v1/sse with the device token (fetched for every connection attempt). Every (re)opening of
// the stream, every loss of it and every `ExternalEventCreated` event triggers a sync; triggers that
// arrive while a sync runs coalesce into one more sync after it (SyncEngine::SyncEverythingFromNow,
// so an Account/Sync already running cannot swallow the event). When the stream ends or fails, it
// is opened again after a backoff: 0.5 s, doubling up to 30 s, back to 0.5 s after a connection that
// stayed open for 10 s. A failed sync is retried on the same schedule. Stop closes the stream at
// once and waits for a running sync.
//
// Differences from the official module: TLS is verified as on every other Backbone call (the
// official one disables verification for this connection); the start does not fail when the
// stream cannot be opened (the official start awaits the first connection); reconnecting backs off
// instead of retrying every 3 s.
#include <boost/json/object.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "transport/backbone/backbone_client.h"
#include "transport/backbone/streaming_transfer.h"
#include "transport/modules/sync/sync_engine.h"

namespace nmshd::connector {

struct SseModuleOptions {
  std::string base_url_override;  // "" = transportLibrary.baseUrl
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
  std::chrono::milliseconds stable_connection{10000};  // open this long: the backoff starts over
  std::chrono::milliseconds idle_timeout{300000};      // a silent stream is reopened after this

  // modules.sse: `baseUrlOverride` (string) only with debug, else error.config.invalid as the
  // official init() refuses it.
  static SseModuleOptions FromConfig(const boost::json::object& module, bool debug);
};

class SseModule {
 public:
  SseModule(transport::SyncEngine& sync, transport::BackboneClient& backbone, SseModuleOptions options);
  ~SseModule();
  SseModule(const SseModule&) = delete;
  SseModule& operator=(const SseModule&) = delete;

  void Start();
  void Stop();

  // How often the stream was opened so far (observability and tests).
  std::uint64_t connections() const;

 private:
  void StreamLoop();
  void SyncLoop();
  void Trigger();
  // One sync with its own correlation id; false when it failed (logged).
  bool RunSync(bool from_now);
  // Sleeps `delay` unless Stop comes first; false when stopping.
  bool Pause(std::chrono::milliseconds delay);

  transport::SyncEngine& sync_;
  transport::BackboneClient& backbone_;
  SseModuleOptions options_;
  transport::TransferAbort abort_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool started_ = false;
  bool sync_pending_ = false;
  std::uint64_t connections_ = 0;
  std::thread stream_thread_;
  std::thread sync_thread_;
};

}  // namespace nmshd::connector
