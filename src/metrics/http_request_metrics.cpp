#include "metrics/http_request_metrics.h"

#include <array>

namespace nmshd::metrics {

std::string NormalizeMethod(std::string_view method) {
  static constexpr std::array<std::string_view, 7> kKnown{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  for (auto known : kKnown) {
    if (method == known) return std::string(known);
  }
  return "other";
}

const prometheus::Histogram::BucketBoundaries& RequestDurationBounds() {
  static const prometheus::Histogram::BucketBoundaries bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                              0.5,   1,    2.5,   5,    10};
  return bounds;
}

HttpRequestMetrics::HttpRequestMetrics(Registry& registry, const std::string& prefix)
    : requests_(prometheus::BuildCounter()
                    .Name(prefix + "_http_requests_total")
                    .Help("HTTP requests answered, by route pattern.")
                    .Register(registry.families())),
      durations_(prometheus::BuildHistogram()
                     .Name(prefix + "_http_request_duration_seconds")
                     .Help("Time from receiving a request to its answer, by route pattern.")
                     .Register(registry.families())) {}

void HttpRequestMetrics::Record(std::string_view method, std::string_view route, int status,
                                std::chrono::steady_clock::duration elapsed) {
  const auto normalized = NormalizeMethod(method);
  // prometheus-cpp creates a child per label set on first use and finds it afterwards.
  prometheus::Labels labels{{"method", normalized}, {"route", std::string(route)}};
  durations_.Add(labels, RequestDurationBounds()).Observe(std::chrono::duration<double>(elapsed).count());
  labels.emplace("status", std::to_string(status));
  requests_.Add(labels).Increment();
}

}  // namespace nmshd::metrics
