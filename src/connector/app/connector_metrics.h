#pragma once
// The connector's metrics beside the HTTP ones ConnectorApi records itself (all read at scrape
// time from the counters their owners keep):
//   nmshd_connector_sync_runs_total{result="success"|"failure"}       syncs (until nothing is left)
//   nmshd_connector_sync_external_events_processed_total{result="success"|"failure"}
//   nmshd_connector_sync_last_success_timestamp_seconds               absent before the first sync
//   nmshd_connector_webhook_deliveries_total{result="delivered"|"failed"|"dropped"}
//                                                                     only with the webhooks module
//   nmshd_connector_database_size_bytes                               absent while the database fails
#include "connector/webhooks/webhooks_module.h"
#include "metrics/registry.h"
#include "storage/document_store.h"
#include "transport/modules/sync/sync_engine.h"

namespace nmshd::connector {

// `db` and `sync` must outlive every scrape (the HTTP server stops before they go).
void AddConnectorMetrics(metrics::Registry& registry, storage::Database& db, const transport::SyncEngine& sync);
void AddWebhookMetrics(metrics::Registry& registry, const WebhooksModule& webhooks);

}  // namespace nmshd::connector
