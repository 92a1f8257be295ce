#include "transport/modules/state/stale_state_check.h"

namespace nmshd::transport {

StaleStateVerdict JudgeDatabaseState(const StateSummary& local, const std::optional<StateMarkerRecord>& newest) {
  StaleStateVerdict verdict;
  if (!newest) return verdict;
  if (!newest->summary) {
    verdict.stale = true;
    verdict.facts = "the Backbone holds a state marker of this identity (datawallet index " +
                    std::to_string(newest->index) + (newest->created_at.empty() ? "" : ", " + newest->created_at) +
                    ") that cannot be read with this database's identity keys, so it cannot be told whether this "
                    "database is complete; this database is at " + local.Describe();
    return verdict;
  }
  const auto& backbone = *newest->summary;
  verdict.backbone_watermark = backbone.watermark;
  if (backbone.watermark <= local.watermark) return verdict;
  verdict.stale = true;
  const auto missing = DescribeMissing(local, backbone);
  const auto changes = backbone.watermark - local.watermark;
  verdict.facts = "the Backbone knows " + backbone.Describe() + "; this database is at " + local.Describe() +
                  ". Missing: " + std::to_string(changes) + (changes == 1 ? " change" : " changes") +
                  (missing.empty() ? " that the counts do not show (e.g. status changes or deletions)"
                                   : ", among them " + missing);
  return verdict;
}

}  // namespace nmshd::transport
