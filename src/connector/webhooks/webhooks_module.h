#pragma once
// The webhooks module (connector-surface.md §5.6): for every trigger of every configured webhook it
// subscribes to the event bus; each matching event is POSTed to the webhook's target (see
// webhook_endpoint.h for payload, headers and logging). As officially, a webhook whose triggers
// overlap ("**" and "transport.*") delivers an event once per matching trigger.
//
// The bus handler only queues the delivery; a small worker pool (delivery_pool.h) makes the calls,
// each bounded by the request timeout, so a slow target neither stalls the event bus nor holds up
// more than one worker per call. A full delivery queue drops the delivery (counted, logged at ERROR).
//
//   auto webhooks = WebhooksModule::FromConfig(config.Module("webhooks"), bus);   // throws on bad config
//   webhooks.Start();
//   ...
//   webhooks.Stop();   // before the bus is destroyed
#include <boost/json.hpp>
#include <chrono>
#include <cstddef>
#include <memory>

#include "connector/events/event_bus.h"
#include "connector/webhooks/webhook_stats.h"
#include "connector/webhooks/webhooks_config.h"

namespace nmshd::connector {

struct WebhooksOptions {
  std::size_t workers = 4;
  std::size_t queueCapacity = 1000;
  // Whole call (connect, TLS, request, answer); the official module has none, a hung target would
  // hold a worker forever.
  std::chrono::milliseconds requestTimeout{30000};
  // How long Stop lets queued deliveries finish before dropping them and aborting running calls.
  std::chrono::milliseconds stopTimeout{5000};
};

class WebhooksModule {
 public:
  // ParseWebhooksConfig (the official error codes); `bus` must outlive the module.
  static WebhooksModule FromConfig(const boost::json::object& moduleConfig, EventBus& bus,
                                   WebhooksOptions options = {});

  WebhooksModule(WebhooksModule&&) noexcept;
  WebhooksModule& operator=(WebhooksModule&&) noexcept;
  ~WebhooksModule();  // Stop()

  // Subscribes and starts the workers. A second Start without Stop does nothing.
  void Start();
  // Unsubscribes, lets queued deliveries finish within stopTimeout, drops the rest. Idempotent.
  void Stop();

  WebhookStats Stats() const;
  const WebhooksConfig& config() const;
  // OAuth2 tokens fetched so far over all targets.
  std::size_t TokenFetches() const;

 private:
  struct Impl;
  explicit WebhooksModule(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nmshd::connector
