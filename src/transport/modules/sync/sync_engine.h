#pragma once
// The external-event sync (transport SyncController.syncExternalEvents): start a run, fetch its
// events, process each, finalize with one result per event, repeat while the Backbone says more
// exist.
//
// Exactly once across crashes: every processed event leaves an entry in the ledger collection
// "processedExternalEvents" written in the SAME transaction as the change it caused
// (EventApplier::Commit). If the process dies before finalize, the Backbone hands the event out
// again in a later run; the ledger entry makes that a no-op that is simply acknowledged. After a
// successful finalize the entries of that run are removed.
//
// Processors do their Backbone reads first, outside any transaction (a long SQLite write
// transaction would block every other writer), and then write in one short transaction.
// A processor may also register a prefetch, its reads alone: the engine runs those for a window of
// events at once (their Backbone round trips overlap instead of adding up) and then applies the
// events one by one in the order of the run, each with what its prefetch returned (unless an event
// of a type without a prefetch came first in the window: its change may make the read stale, so
// the processor reads again). Such a processor writes only through EventApplier::Commit, so the
// engine applies a row of them with deferred durability (storage::DeferredDurability) and one
// flush, then publishes their events: nothing is announced, and nothing acknowledged to the
// Backbone, before it is durable.
//
// Concurrency: one sync at a time; a caller that arrives while a sync runs waits for it and
// returns its outcome (the official use case shares one run between concurrent callers).
#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "transport/modules/sync/external_event.h"
#include "transport/modules/transport_context.h"

namespace nmshd::transport {

// Given to a processor: commit the event's local change together with its ledger entry.
class EventApplier {
 public:
  using Change = std::function<void(storage::Transaction&, PendingEvents&)>;
  EventApplier(TransportContext& ctx, const ExternalEvent& event, std::string sync_run_id);

  // Runs `change` and the ledger write in one transaction, then publishes the collected events.
  // At most once per event; an event whose processor never calls it is recorded by the engine.
  void Commit(const Change& change);
  bool committed() const { return committed_; }

  // What the event type's prefetch returned for this event; empty when there is none, it failed, or
  // it found nothing to do (the processor then does all the work itself).
  const std::any& prefetched() const { return prefetched_; }
  void set_prefetched(std::any value) { prefetched_ = std::move(value); }
  // Set by the engine while it applies with deferred durability: Commit hands its events to
  // `held` instead of publishing them; the engine publishes them after its flush.
  void hold_events_in(std::vector<PendingEvents>* held) { held_ = held; }

 private:
  TransportContext& ctx_;
  const ExternalEvent& event_;
  std::string sync_run_id_;
  bool committed_ = false;
  std::any prefetched_;
  std::vector<PendingEvents>* held_ = nullptr;
};

using ExternalEventProcessor = std::function<void(const ExternalEvent&, EventApplier&)>;

// The reads of one event (Backbone calls, local reads, decryption; never a write), run concurrently
// with those of the neighbouring events and before any of them is applied. So it must not depend on
// what an earlier event of the run changes: when it throws (say, the message of a relationship an
// earlier event creates), the error is dropped and the processor does the whole work in order.
using ExternalEventPrefetch = std::function<std::any(const ExternalEvent&)>;

// Since the engine was created, for metrics. A sync is one SyncEverything that ran (callers that
// only waited for another caller's sync do not count); an event is counted each time a run hands it
// to us, so one re-delivered after a crash counts again.
struct SyncCounters {
  std::uint64_t syncs_succeeded = 0;
  std::uint64_t syncs_failed = 0;
  std::uint64_t events_processed = 0;  // acknowledged to the Backbone without an error code
  std::uint64_t events_failed = 0;     // reported back with an error code
};

struct SyncOutcome {
  int runs = 0;
  int events = 0;
  int failed_events = 0;
  std::string completed_at;
};

class SyncEngine {
 public:
  static constexpr std::string_view kLedger = "processedExternalEvents";
  static constexpr std::string_view kStateCollection = "syncState";
  // In kStateCollection: {"index": n}, the highest index of an external event this database
  // processed and the Backbone then acknowledged (it never delivers that event again). Part of the
  // state summary a stale database is compared by (modules/state).
  static constexpr std::string_view kAcknowledgedEvents = "acknowledgedEvents";

  explicit SyncEngine(TransportContext& ctx);

  void Register(std::string event_type, ExternalEventProcessor processor, ExternalEventPrefetch prefetch = {});

  // Events whose prefetches run at once (each window is applied before the next one is fetched, so
  // at most this many prefetched results are held), and the threads that run them.
  static constexpr std::size_t kPrefetchWindow = 16;
  static constexpr std::size_t kPrefetchThreads = 8;

  // Syncs until the Backbone has nothing more. Throws BackboneError / CodedError when a run cannot
  // be started or finalized (events processed so far stay processed and are acknowledged later).
  SyncOutcome SyncEverything();
  // For a caller that just learned of a new event (SSE): a run already in progress may have fetched
  // its events before that one existed, so it is waited for and not shared; then as SyncEverything
  // (sharing only a run that started after this call).
  SyncOutcome SyncEverythingFromNow();

  // {"lastSyncRun":{"completedAt":…}} as GET /Account/SyncInfo answers ({} before the first sync).
  boost::json::object SyncInfo() const;
  std::optional<std::chrono::system_clock::time_point> LastSuccessfulSync() const;
  SyncCounters Counters() const;

 private:
  SyncOutcome RunOnce(bool& more);
  // `held`: apply with deferred durability and hold the events to publish there (see above).
  std::string ProcessEvent(const ExternalEvent& event, const std::string& sync_run_id, std::any prefetched,
                           std::vector<PendingEvents>* held = nullptr);
  // Makes the held events' changes durable, then publishes them in order.
  void PublishHeld(std::vector<PendingEvents>& held);
  // The prefetches of `events` (nullopt: not parsable), as far as their types have one and their
  // ledger has no entry; results in the same order, empty where none ran or it failed.
  std::vector<std::any> Prefetch(const std::vector<std::optional<ExternalEvent>>& events);

  TransportContext& ctx_;
  std::map<std::string, ExternalEventProcessor> processors_;
  std::map<std::string, ExternalEventPrefetch> prefetches_;

  std::mutex mutex_;
  std::condition_variable done_;
  bool running_ = false;
  std::uint64_t generation_ = 0;
  std::optional<SyncOutcome> last_outcome_;
  std::exception_ptr last_error_;
  std::atomic<std::uint64_t> syncs_succeeded_{0}, syncs_failed_{0}, events_processed_{0}, events_failed_{0};
};

}  // namespace nmshd::transport
