#include "connector/app/connector_metrics.h"

#include <chrono>
#include <memory>
#include <optional>

#include "metrics/scraped_counters.h"
#include "metrics/scraped_gauge.h"

namespace nmshd::connector {

using metrics::ScrapedCounters;
using metrics::ScrapedGauge;

void AddConnectorMetrics(metrics::Registry& registry, storage::Database& db, const transport::SyncEngine& sync) {
  registry.Add(std::make_shared<ScrapedCounters>(
      "nmshd_connector_sync_runs_total",
      "Syncs with the Backbone (each until no new external events are left), by result.", "result", [&sync] {
        const auto counters = sync.Counters();
        return ScrapedCounters::Values{{"success", static_cast<double>(counters.syncs_succeeded)},
                                       {"failure", static_cast<double>(counters.syncs_failed)}};
      }));
  registry.Add(std::make_shared<ScrapedCounters>(
      "nmshd_connector_sync_external_events_processed_total",
      "External events received in sync runs, by whether processing them succeeded.", "result", [&sync] {
        const auto counters = sync.Counters();
        return ScrapedCounters::Values{{"success", static_cast<double>(counters.events_processed)},
                                       {"failure", static_cast<double>(counters.events_failed)}};
      }));
  registry.Add(std::make_shared<ScrapedGauge>(
      "nmshd_connector_sync_last_success_timestamp_seconds", "Unix time of the last sync that finished successfully.",
      [&sync]() -> std::optional<double> {
        const auto last = sync.LastSuccessfulSync();
        if (!last) return std::nullopt;
        return std::chrono::duration<double>(last->time_since_epoch()).count();
      }));
  registry.Add(std::make_shared<ScrapedGauge>(
      "nmshd_connector_database_size_bytes", "Bytes the connector's database occupies.",
      [&db] { return std::optional<double>(static_cast<double>(db.SizeBytes())); }));
}

void AddWebhookMetrics(metrics::Registry& registry, const WebhooksModule& webhooks) {
  registry.Add(std::make_shared<ScrapedCounters>(
      "nmshd_connector_webhook_deliveries_total",
      "Webhook deliveries, by result: delivered (2xx), failed (other answer or no answer), dropped (queue full or "
      "left over at stop).",
      "result", [&webhooks] {
        const auto stats = webhooks.Stats();
        return ScrapedCounters::Values{{"delivered", static_cast<double>(stats.delivered)},
                                       {"failed", static_cast<double>(stats.failed)},
                                       {"dropped", static_cast<double>(stats.dropped)}};
      }));
}

}  // namespace nmshd::connector
