#pragma once
// The start-time comparison of the database with what the Backbone knows (before any sync or
// automation runs): the database is stale when the Backbone holds a state marker (state_marker.h)
// with a higher watermark than the database's, or one this identity's key cannot read.
//
// Not stale: no marker at all (a new identity, or a database from before markers existed whose
// connector never published one), or a marker at or below the database's watermark (the usual
// case; below it after a crash before the last push, which the publisher then catches up).
#include <optional>
#include <string>

#include "transport/modules/state/state_marker.h"
#include "transport/modules/state/state_summary.h"

namespace nmshd::transport {

struct StaleStateVerdict {
  bool stale = false;
  // What the Backbone knows and what this database has, and what is missing by the numbers;
  // meant for the refusal message and for the warning when the operator accepts the loss.
  std::string facts;
  // The watermark a start that accepts the loss must raise the database above (0 when unknown).
  std::int64_t backbone_watermark = 0;
};

StaleStateVerdict JudgeDatabaseState(const StateSummary& local, const std::optional<StateMarkerRecord>& newest);

}  // namespace nmshd::transport
