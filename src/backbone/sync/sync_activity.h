#pragma once
// What the sync protocol did since this process started, for GET /metrics
// (nmshd_backbone_sync_runs_total{result}, nmshd_backbone_sync_runs_finalized_total{type},
// nmshd_backbone_external_events_total{stage}). Counted only
// once the transaction that did the work has committed, so a rolled-back attempt never shows up.
// In memory like the HTTP request counters: Prometheus handles the reset at a restart.
#include <atomic>
#include <cstdint>

namespace nmshd::backbone {

struct SyncActivity {
  std::atomic<std::uint64_t> runs_created{0};      // POST /SyncRuns answered "Created"
  std::atomic<std::uint64_t> runs_no_new_events{0};  // POST /SyncRuns answered "NoNewEvents"
  std::atomic<std::uint64_t> event_runs_finalized{0};    // FinalizeExternalEventSync
  std::atomic<std::uint64_t> upgrade_runs_finalized{0};  // FinalizeDatawalletVersionUpgrade
  std::atomic<std::uint64_t> events_created{0};    // external events written (blocked ones included)
  std::atomic<std::uint64_t> events_processed{0};  // finalized by their owner without an error
  std::atomic<std::uint64_t> events_failed{0};     // finalized with an error code, or not reported back
};

}  // namespace nmshd::backbone
