#include "connector/webhooks/webhooks_module.h"

#include <atomic>
#include <map>
#include <mutex>
#include <vector>

#include "connector/webhooks/delivery_pool.h"
#include "connector/webhooks/webhook_endpoint.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"

namespace nmshd::connector {

struct WebhooksModule::Impl {
  Impl(WebhooksConfig cfg, EventBus& eventBus, WebhooksOptions opts)
      : config(std::move(cfg)), bus(eventBus), options(opts), log(logging::GetLogger("connector.webhooks")) {
    // One endpoint per target object: webhooks naming the same target share its token cache.
    std::map<const WebhookTarget*, std::shared_ptr<WebhookEndpoint>> byTarget;
    for (const auto& webhook : config.webhooks) {
      auto& endpoint = byTarget[webhook.target.get()];
      if (!endpoint) {
        endpoint = std::make_shared<WebhookEndpoint>(webhook.target, config.skipTlsCheck, options.requestTimeout);
        endpoints.push_back(endpoint);
      }
      webhookEndpoints.push_back(endpoint);
    }
  }

  void Enqueue(const std::shared_ptr<WebhookEndpoint>& endpoint, const Event& event) {
    auto shared = std::make_shared<const Event>(event);
    bool queued = pool->Submit([this, endpoint, shared](CurlSession& session, const std::atomic<bool>& abort) {
      logging::CorrelationScope scope(shared->correlationId);
      switch (endpoint->Deliver(session, *shared, &abort, log)) {
        case WebhookEndpoint::Outcome::kDelivered:
          ++delivered;
          break;
        case WebhookEndpoint::Outcome::kRejected:
        case WebhookEndpoint::Outcome::kFailed:
          ++failed;
          break;
      }
    });
    if (!queued) {
      ++dropped;
      log.Error("webhook delivery queue full ({} deliveries): event '{}' not sent to '{}'", options.queueCapacity,
                event.eventNamespace, endpoint->target().urlTemplate);
    }
  }

  WebhooksConfig config;
  EventBus& bus;
  WebhooksOptions options;
  logging::Logger log;
  std::vector<std::shared_ptr<WebhookEndpoint>> endpoints;         // distinct
  std::vector<std::shared_ptr<WebhookEndpoint>> webhookEndpoints;  // per config.webhooks entry

  std::mutex lifecycle;
  std::unique_ptr<DeliveryPool> pool;
  std::vector<SubscriptionId> subscriptions;
  std::atomic<std::uint64_t> delivered{0};
  std::atomic<std::uint64_t> failed{0};
  std::atomic<std::uint64_t> dropped{0};
};

WebhooksModule WebhooksModule::FromConfig(const boost::json::object& moduleConfig, EventBus& bus,
                                          WebhooksOptions options) {
  return WebhooksModule(std::make_unique<Impl>(ParseWebhooksConfig(moduleConfig), bus, options));
}

WebhooksModule::WebhooksModule(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebhooksModule::WebhooksModule(WebhooksModule&&) noexcept = default;
WebhooksModule& WebhooksModule::operator=(WebhooksModule&& other) noexcept {
  if (this != &other) {
    Stop();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

WebhooksModule::~WebhooksModule() { Stop(); }

void WebhooksModule::Start() {
  std::lock_guard lock(impl_->lifecycle);
  if (impl_->pool) return;
  impl_->pool = std::make_unique<DeliveryPool>(impl_->options.workers, impl_->options.queueCapacity);
  Impl* impl = impl_.get();
  for (std::size_t i = 0; i < impl->config.webhooks.size(); ++i) {
    auto endpoint = impl->webhookEndpoints[i];
    for (const auto& trigger : impl->config.webhooks[i].triggers) {
      impl->subscriptions.push_back(
          impl->bus.Subscribe(trigger, [impl, endpoint](const Event& event) { impl->Enqueue(endpoint, event); }));
    }
  }
  impl->log.Info("webhooks module started: {} webhooks, {} subscriptions", impl->config.webhooks.size(),
                 impl->subscriptions.size());
}

void WebhooksModule::Stop() {
  if (!impl_) return;  // moved from
  std::lock_guard lock(impl_->lifecycle);
  if (!impl_->pool) return;
  // Unsubscribe waits for a running handler, so no Enqueue races with the pool's end.
  for (auto id : impl_->subscriptions) impl_->bus.Unsubscribe(id);
  impl_->subscriptions.clear();
  if (auto left = impl_->pool->Stop(impl_->options.stopTimeout); left > 0) {
    impl_->dropped += left;
    impl_->log.Error("webhooks module stopped with {} deliveries not sent", left);
  }
  impl_->pool.reset();
}

WebhookStats WebhooksModule::Stats() const {
  return WebhookStats{impl_->delivered.load(), impl_->failed.load(), impl_->dropped.load()};
}

const WebhooksConfig& WebhooksModule::config() const { return impl_->config; }

std::size_t WebhooksModule::TokenFetches() const {
  std::size_t total = 0;
  for (const auto& endpoint : impl_->endpoints) total += endpoint->TokenFetches();
  return total;
}

}  // namespace nmshd::connector
