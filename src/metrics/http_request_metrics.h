#pragma once
// Request metrics of an HTTP API, the same for connector and backbone (prefix "nmshd_connector" or
// "nmshd_backbone"):
//   <prefix>_http_requests_total{method, route, status}            counter
//   <prefix>_http_request_duration_seconds{method, route}          histogram
// `route` is the router pattern that matched ("/api/core/v1/Files/{id}"), or "unmatched" for
// requests no route took (404, 405, requests the server rejected before routing); never the raw
// path, which would add a time series per id. `method` is one of the standard methods or "other".
#include <chrono>
#include <cstddef>
#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>

#include "metrics/registry.h"

namespace nmshd::metrics {

inline constexpr std::string_view kUnmatchedRoute = "unmatched";

// GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS as they are; anything else "other" (bounds the label).
std::string NormalizeMethod(std::string_view method);

// Bucket bounds of the request durations in seconds: the default ones of the official Prometheus
// clients.
const prometheus::Histogram::BucketBoundaries& RequestDurationBounds();

class HttpRequestMetrics {
 public:
  // Registers both families in registry.families(); a second HttpRequestMetrics with the same
  // prefix on one registry throws std::invalid_argument.
  HttpRequestMetrics(Registry& registry, const std::string& prefix);
  void Record(std::string_view method, std::string_view route, int status, std::chrono::steady_clock::duration elapsed);

 private:
  // The two series of one (method, route, status), found once. Looking them up in the families on
  // every request (a label map to build, a lock, a hash of the labels, the bucket bounds to copy)
  // cost the backbone about 10% of its GET /api/v2/Version rate. The families never remove a
  // series, so the pointers stay valid; the set of keys is bounded like the labels.
  struct Series {
    prometheus::Counter* requests;
    prometheus::Histogram* duration;
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  Series SeriesFor(std::string_view method, std::string_view route, int status);

  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
  std::shared_mutex series_mutex_;
  std::unordered_map<std::string, Series, KeyHash, std::equal_to<>> series_;
};

}  // namespace nmshd::metrics
