#include "metrics/http_request_metrics.h"

#include <algorithm>
#include <array>
#include <mutex>

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

HttpRequestMetrics::Series HttpRequestMetrics::SeriesFor(std::string_view method, std::string_view route, int status) {
  // The key, "METHOD route status", in a buffer on the stack: no allocation for a series seen before.
  // The method is normalized first, so that clients' made-up methods cannot add keys.
  const auto normalized = NormalizeMethod(method);
  std::array<char, 512> buffer{};
  const auto status_text = std::to_string(status);
  std::string_view key;
  std::string long_key;
  if (normalized.size() + route.size() + status_text.size() + 2 <= buffer.size()) {
    char* end = std::copy(normalized.begin(), normalized.end(), buffer.data());
    *end++ = ' ';
    end = std::copy(route.begin(), route.end(), end);
    *end++ = ' ';
    end = std::copy(status_text.begin(), status_text.end(), end);
    key = std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  } else {
    long_key = normalized + " " + std::string(route) + " " + status_text;
    key = long_key;
  }
  {
    std::shared_lock lock(series_mutex_);
    if (auto found = series_.find(key); found != series_.end()) return found->second;
  }
  // prometheus-cpp creates a child per label set on first use and finds it afterwards.
  prometheus::Labels labels{{"method", normalized}, {"route", std::string(route)}};
  Series series{};
  series.duration = &durations_.Add(labels, RequestDurationBounds());
  labels.emplace("status", status_text);
  series.requests = &requests_.Add(labels);
  std::unique_lock lock(series_mutex_);
  series_.emplace(std::string(key), series);
  return series;
}

void HttpRequestMetrics::Record(std::string_view method, std::string_view route, int status,
                                std::chrono::steady_clock::duration elapsed) {
  const auto series = SeriesFor(method, route, status);
  series.duration->Observe(std::chrono::duration<double>(elapsed).count());
  series.requests->Increment();
}

}  // namespace nmshd::metrics
