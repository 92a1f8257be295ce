#pragma once
// Request metrics of an HTTP API, the same for connector and backbone (prefix "nmshd_connector" or
// "nmshd_backbone"):
//   <prefix>_http_requests_total{method, route, status}            counter
//   <prefix>_http_request_duration_seconds{method, route}          histogram
// `route` is the router pattern that matched ("/api/core/v1/Files/{id}"), or "unmatched" for
// requests no route took (404, 405, requests the server rejected before routing); never the raw
// path, which would add a time series per id. `method` is one of the standard methods or "other".
#include <chrono>
#include <string>
#include <string_view>
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
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
};

}  // namespace nmshd::metrics
