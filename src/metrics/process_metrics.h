#pragma once
// The process metrics every Prometheus client library exports, under their conventional names
// (no nmshd_ prefix, so standard dashboards and alerts work unchanged):
//   process_resident_memory_bytes   resident set size, from /proc/self/statm
//   process_start_time_seconds      start of the process, Unix seconds, from /proc/self/stat
// Linux only, as the server itself.
#include <optional>

#include "metrics/registry.h"

namespace nmshd::metrics {

void AddProcessMetrics(Registry& registry);

std::optional<double> ResidentMemoryBytes();
std::optional<double> ProcessStartTimeSeconds();

}  // namespace nmshd::metrics
