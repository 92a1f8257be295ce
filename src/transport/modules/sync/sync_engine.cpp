#include "transport/modules/sync/sync_engine.h"

#include <algorithm>
#include <optional>
#include <system_error>
#include <thread>

#include "base/coded_error.h"
#include "core/core_date.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;

const std::vector<std::pair<std::string, std::string>> kSyncHeaders = {{"x-supported-datawallet-version", "1"}};
// Runs keep the Backbone's default lifetime (10 s): a run left behind by a crashed connector blocks
// every new run until it expires, so a long lifetime would stall the restarted connector. A run
// that expires while we still process is harmless: the ledger acknowledges the re-delivered events.
// After a crash we wait for the orphaned run to expire rather than fail the first sync.
constexpr auto kWaitForOrphanedRun = std::chrono::seconds(15);
constexpr std::string_view kAnotherRunActive = "cannotStartSyncRunWhenAnotherSyncRunIsRunning";
constexpr std::string_view kLastRun = "lastRun";

}  // namespace

EventApplier::EventApplier(TransportContext& ctx, const ExternalEvent& event, std::string sync_run_id)
    : ctx_(ctx), event_(event), sync_run_id_(std::move(sync_run_id)) {}

void EventApplier::Commit(const Change& change) {
  if (committed_) throw CodedError("error.transport.sync.doubleCommit", "an event's change was committed twice");
  PendingEvents pending;
  ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    if (change) change(tx, pending);
    tx.Upsert(
        SyncEngine::kLedger, event_.id,
        js::object{
            {"type", event_.type}, {"syncRunId", sync_run_id_}, {"processedAt", core::CoreDate::Now().ToString()}});
  });
  committed_ = true;
  if (held_ != nullptr) {
    held_->push_back(std::move(pending));
  } else {
    pending.PublishTo(ctx_.events);
  }
}

SyncEngine::SyncEngine(TransportContext& ctx) : ctx_(ctx) {}

void SyncEngine::Register(std::string event_type, ExternalEventProcessor processor, ExternalEventPrefetch prefetch) {
  // A processor registered again replaces its prefetch too (or drops it).
  if (prefetch) {
    prefetches_[event_type] = std::move(prefetch);
  } else {
    prefetches_.erase(event_type);
  }
  processors_[std::move(event_type)] = std::move(processor);
}

std::vector<std::any> SyncEngine::Prefetch(const std::vector<std::optional<ExternalEvent>>& events) {
  std::vector<std::any> results(events.size());
  std::vector<std::pair<std::size_t, const ExternalEventPrefetch*>> work;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!events[i]) continue;
    const auto prefetch = prefetches_.find(events[i]->type);
    if (prefetch == prefetches_.end()) continue;
    try {
      if (ctx_.db.Get(kLedger, events[i]->id)) continue;  // processed before a restart: nothing to read
    } catch (const std::exception&) {
      continue;  // ProcessEvent reads the ledger again and reports what fails
    }
    work.emplace_back(i, &prefetch->second);
  }
  // One alone gains nothing from running ahead: its processor does the reads itself.
  if (work.size() < 2) return results;
  std::atomic<std::size_t> next{0};
  auto run = logging::BindCorrelation([&] {
    for (std::size_t w; (w = next.fetch_add(1)) < work.size();) {
      const auto [i, prefetch] = work[w];
      try {
        results[i] = (*prefetch)(*events[i]);
      } catch (const std::exception& e) {
        logging::GetLogger("transport.sync")
            .Debug("prefetch of external event {} ({}) failed, it is processed in order: {}", events[i]->id,
                   events[i]->type, e.what());
      } catch (...) {
      }
    }
  });
  std::vector<std::thread> threads;
  const auto helpers = std::min(work.size(), kPrefetchThreads) - 1;
  for (std::size_t t = 0; t < helpers; ++t) {
    try {
      threads.emplace_back(run);
    } catch (const std::system_error&) {
      break;  // no thread to be had: fewer helpers, same results
    }
  }
  run();
  for (auto& t : threads) t.join();
  return results;
}

SyncOutcome SyncEngine::SyncEverything() {
  std::unique_lock lock(mutex_);
  if (running_) {
    const auto generation = generation_;
    done_.wait(lock, [&] { return generation_ != generation; });
    if (last_error_) std::rethrow_exception(last_error_);
    return *last_outcome_;
  }
  running_ = true;
  lock.unlock();

  SyncOutcome total;
  std::exception_ptr error;
  try {
    bool more = true;
    while (more) {
      const auto outcome = RunOnce(more);
      total.runs += outcome.runs;
      total.events += outcome.events;
      total.failed_events += outcome.failed_events;
    }
    total.completed_at = core::CoreDate::Now().ToString();
    ctx_.db.Upsert(kStateCollection, kLastRun, js::object{{"completedAt", total.completed_at}});
  } catch (...) {
    error = std::current_exception();
  }

  (error ? syncs_failed_ : syncs_succeeded_).fetch_add(1, std::memory_order_relaxed);
  lock.lock();
  running_ = false;
  ++generation_;
  last_error_ = error;
  last_outcome_ = total;
  done_.notify_all();
  lock.unlock();
  if (error) std::rethrow_exception(error);
  return total;
}

SyncOutcome SyncEngine::SyncEverythingFromNow() {
  {
    std::unique_lock lock(mutex_);
    if (running_) {
      const auto generation = generation_;
      done_.wait(lock, [&] { return generation_ != generation; });
    }
  }
  return SyncEverything();
}

SyncOutcome SyncEngine::RunOnce(bool& more) {
  more = false;
  SyncOutcome outcome;
  js::object started;
  const auto give_up = std::chrono::steady_clock::now() + kWaitForOrphanedRun;
  for (;;) {
    try {
      started =
          ctx_.backbone.Post("/api/v2/SyncRuns", js::object{{"type", "ExternalEventSync"}}, Auth::kDevice, kSyncHeaders)
              .as_object();
      break;
    } catch (const BackboneError& e) {
      // Only our own device runs syncs: an active run is one a killed predecessor left behind.
      if (e.code().find(kAnotherRunActive) == std::string::npos || std::chrono::steady_clock::now() > give_up) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }
  const auto* run = started.if_contains("syncRun");
  if (run == nullptr || !run->is_object()) return outcome;  // NoNewEvents
  const std::string run_id(run->as_object().at("id").as_string());
  outcome.runs = 1;

  // Transport asks for the datawallet modifications in every run even with the datawallet
  // disabled; the official Backbone does not require it, so neither do we.
  const auto events =
      ctx_.backbone.GetAllPages("/api/v2/SyncRuns/" + run_id + "/ExternalEvents", {}, Auth::kDevice, kSyncHeaders);
  js::array results;
  std::vector<std::string> acknowledged;
  std::optional<std::int64_t> newest_acknowledged;
  for (std::size_t start = 0; start < events.size(); start += kPrefetchWindow) {
    const auto end = std::min(events.size(), start + kPrefetchWindow);
    std::vector<std::optional<ExternalEvent>> window;
    std::vector<std::string> parse_errors;
    for (std::size_t i = start; i < end; ++i) {
      try {
        window.emplace_back(ExternalEvent::FromJson(events[i]));
        parse_errors.emplace_back();
      } catch (const CodedError& e) {
        window.emplace_back(std::nullopt);
        parse_errors.push_back(e.code());
      }
    }
    auto prefetched = Prefetch(window);
    std::vector<PendingEvents> held;
    for (std::size_t w = 0; w < window.size(); ++w) {
      const auto& raw = events[start + w];
      js::object result;
      std::string id = raw.is_object() && raw.as_object().contains("id") && raw.as_object().at("id").is_string()
                           ? std::string(raw.as_object().at("id").as_string())
                           : std::string();
      result["externalEventId"] = id;
      if (!window[w]) {
        result["errorCode"] = parse_errors[w];
        ++outcome.failed_events;
      } else {
        const auto& event = *window[w];
        // Only processors with a prefetch promise to write through EventApplier::Commit alone.
        const bool deferred = prefetches_.contains(event.type);
        if (!deferred) PublishHeld(held);  // in the run's order; a failed flush fails the sync
        try {
          const auto error_code = ProcessEvent(event, run_id, std::move(prefetched[w]), deferred ? &held : nullptr);
          if (!error_code.empty()) {
            result["errorCode"] = error_code;
            ++outcome.failed_events;
          } else {
            acknowledged.push_back(event.id);
            newest_acknowledged = std::max(newest_acknowledged.value_or(event.index), event.index);
          }
        } catch (const CodedError& e) {
          result["errorCode"] = e.code();
          ++outcome.failed_events;
        }
        // Any other event may change what the later prefetches read (a relationship decomposed
        // before a message of it arrives): those events are processed from scratch, in order.
        if (!deferred) {
          for (auto k = w + 1; k < window.size(); ++k) prefetched[k].reset();
        }
      }
      ++outcome.events;
      (result.contains("errorCode") ? events_failed_ : events_processed_).fetch_add(1, std::memory_order_relaxed);
      results.push_back(std::move(result));
    }
    PublishHeld(held);
  }
  const auto finalized =
      ctx_.backbone
          .Put("/api/v2/SyncRuns/" + run_id + "/FinalizeExternalEventSync",
               js::object{{"externalEventResults", results}, {"datawalletModifications", js::array{}}}, Auth::kDevice,
               kSyncHeaders)
          .as_object();
  // Acknowledged now: the Backbone will not hand these out again, so their ledger entries can go.
  ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    for (const auto& id : acknowledged) tx.Delete(kLedger, id);
    if (!newest_acknowledged) return;
    const auto stored = tx.Get(kStateCollection, kAcknowledgedEvents);
    const auto* index = stored ? stored->if_contains("index") : nullptr;
    if (index != nullptr && index->is_int64() && index->get_int64() >= *newest_acknowledged) return;
    tx.Upsert(kStateCollection, kAcknowledgedEvents, js::object{{"index", *newest_acknowledged}});
  });
  const auto* more_value = finalized.if_contains("newUnsyncedExternalEventsExist");
  more = more_value != nullptr && more_value->is_bool() && more_value->get_bool();
  return outcome;
}

void SyncEngine::PublishHeld(std::vector<PendingEvents>& held) {
  if (held.empty()) return;
  ctx_.db.FlushCommitted();
  for (auto& pending : held) pending.PublishTo(ctx_.events);
  held.clear();
}

std::string SyncEngine::ProcessEvent(const ExternalEvent& event, const std::string& sync_run_id, std::any prefetched,
                                     std::vector<PendingEvents>* held) {
  std::optional<storage::DeferredDurability> deferred;
  if (held != nullptr) deferred.emplace();
  auto log = logging::GetLogger("transport.sync");
  if (ctx_.db.Get(kLedger, event.id)) {
    log.Info("external event {} ({}) was already processed before a restart; acknowledging it", event.id, event.type);
    return {};
  }
  const auto processor = processors_.find(event.type);
  if (processor == processors_.end()) {
    log.Warn("no processor for external event type {} ({})", event.type, event.id);
    return "error.transport.unknown";
  }
  EventApplier applier(ctx_, event, sync_run_id);
  applier.set_prefetched(std::move(prefetched));
  applier.hold_events_in(held);
  try {
    processor->second(event, applier);
    if (!applier.committed()) applier.Commit(nullptr);
    return {};
  } catch (const CodedError& e) {
    log.Error("processing external event {} ({}) failed: {} ({})", event.id, event.type, e.what(), e.code());
    return e.code();
  } catch (const std::exception& e) {
    log.Error("processing external event {} ({}) failed: {}", event.id, event.type, e.what());
    return "error.transport.unknown";
  }
}

SyncCounters SyncEngine::Counters() const {
  return SyncCounters{syncs_succeeded_.load(std::memory_order_relaxed), syncs_failed_.load(std::memory_order_relaxed),
                      events_processed_.load(std::memory_order_relaxed),
                      events_failed_.load(std::memory_order_relaxed)};
}

js::object SyncEngine::SyncInfo() const {
  js::object info;
  if (auto last = ctx_.db.Get(kStateCollection, kLastRun)) {
    info["lastSyncRun"] = js::object{{"completedAt", last->at("completedAt")}};
  }
  return info;
}

std::optional<std::chrono::system_clock::time_point> SyncEngine::LastSuccessfulSync() const {
  auto last = ctx_.db.Get(kStateCollection, kLastRun);
  if (!last) return std::nullopt;
  const auto date = core::CoreDate::Parse(std::string(last->at("completedAt").as_string()));
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(date.millis()));
}

}  // namespace nmshd::transport
