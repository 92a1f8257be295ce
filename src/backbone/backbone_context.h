#pragma once
// What every backbone module gets: the configuration, the database, the clock and the listeners for
// new external events. Modules are stateless apart from this; all state lives in the database so a
// restart loses nothing that was acknowledged.
#include <functional>
#include <memory>

#include "base/iso_date.h"
#include "config/backbone_config.h"
#include "storage/document_store.h"
#include "sync/external_event_notifier.h"
#include "sync/sync_activity.h"

namespace nmshd::backbone {

struct BackboneContext {
  const config::BackboneConfig& config;
  storage::Database& db;
  // Injected so tests can move time (challenge, token, sync run and template expiry).
  std::function<TimePoint()> now = NowMs;
  // Listeners for new external events (the SSE endpoint); in memory, like open connections.
  std::shared_ptr<ExternalEventNotifier> external_events = std::make_shared<ExternalEventNotifier>();
  // Counters of the sync protocol for GET /metrics.
  std::shared_ptr<SyncActivity> sync_activity = std::make_shared<SyncActivity>();
};

}  // namespace nmshd::backbone
