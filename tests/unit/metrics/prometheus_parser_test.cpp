// What Registry renders (prometheus-cpp's TextSerializer over our families and collectables) read
// back by the official Prometheus client's parser: label values come back as they were, every
// family keeps its type, and a whole scrape of the kinds of metrics the executables export parses.
#include <gtest/gtest.h>

#include <prometheus/counter.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "metrics/http_request_metrics.h"
#include "metrics/process_metrics.h"
#include "metrics/registry.h"
#include "metrics/scraped_counters.h"
#include "metrics/scraped_gauge.h"
#include "unit/metrics/prometheus_parser.h"

namespace nmshd::metrics {
namespace {

using testing::Find;
using testing::ParseWithPrometheusClient;

TEST(PrometheusParser, ReadsBackEscapedLabelValuesUnchanged) {
  Registry r;
  const std::string tricky = "quote\" backslash\\ newline\n brace} comma, caf\xC3\xA9";
  auto& c = prometheus::BuildCounter().Name("t_odd_total").Help("Help with \"quotes\", {braces} and caf\xC3\xA9.").Register(r.families());
  c.Add({{"value", tricky}}).Increment(3);
  c.Add({{"value", ""}}).Increment();
  const auto samples = ParseWithPrometheusClient(r.Render());
  EXPECT_EQ(Find(samples, "t_odd_total", {{"value", tricky}}), 3.0);
  EXPECT_EQ(Find(samples, "t_odd_total", {{"value", ""}}), 1.0);
}

TEST(PrometheusParser, ReadsHistogramsCountersAndGaugesOfFamiliesAndCollectables) {
  Registry r;
  HttpRequestMetrics http(r, "t");
  for (int i = 0; i < 4; ++i) http.Record("GET", "/a/{id}", 200, std::chrono::milliseconds(30));
  http.Record("DELETE", "/a/{id}", 204, std::chrono::seconds(20));
  http.Record("BREW", kUnmatchedRoute, 405, std::chrono::milliseconds(1));
  AddProcessMetrics(r);
  r.Add(std::make_shared<ScrapedCounters>("t_sync_runs_total", "Syncs, by result.", "result", [] {
    return ScrapedCounters::Values{{"success", 7.0}, {"failure", 0.0}};
  }));
  r.Add(std::make_shared<ScrapedGauge>("t_last_success_timestamp_seconds", "Unix time.",
                                       [] { return std::optional<double>(1767225600.125); }));
  const auto samples = ParseWithPrometheusClient(r.Render());
  EXPECT_EQ(Find(samples, "t_http_requests_total", {{"method", "GET"}, {"route", "/a/{id}"}, {"status", "200"}}), 4.0);
  EXPECT_EQ(Find(samples, "t_http_requests_total", {{"method", "other"}, {"route", "unmatched"}, {"status", "405"}}), 1.0);
  EXPECT_EQ(Find(samples, "t_http_request_duration_seconds_bucket", {{"method", "GET"}, {"route", "/a/{id}"}, {"le", "0.025"}}),
            0.0);
  EXPECT_EQ(Find(samples, "t_http_request_duration_seconds_bucket", {{"method", "GET"}, {"route", "/a/{id}"}, {"le", "0.05"}}),
            4.0);
  EXPECT_EQ(Find(samples, "t_http_request_duration_seconds_bucket", {{"method", "DELETE"}, {"route", "/a/{id}"}, {"le", "10"}}),
            0.0);
  EXPECT_EQ(Find(samples, "t_http_request_duration_seconds_bucket", {{"method", "DELETE"}, {"route", "/a/{id}"}, {"le", "+Inf"}}),
            1.0);
  EXPECT_EQ(Find(samples, "t_http_request_duration_seconds_count", {{"method", "DELETE"}, {"route", "/a/{id}"}}), 1.0);
  EXPECT_DOUBLE_EQ(*Find(samples, "t_http_request_duration_seconds_sum", {{"method", "GET"}, {"route", "/a/{id}"}}), 0.12);
  EXPECT_EQ(Find(samples, "t_sync_runs_total", {{"result", "success"}}), 7.0);
  EXPECT_EQ(Find(samples, "t_sync_runs_total", {{"result", "failure"}}), 0.0);
  EXPECT_EQ(Find(samples, "t_last_success_timestamp_seconds"), 1767225600.125);
  std::map<std::string, std::string> types;
  for (const auto& s : samples) types[s.family] = s.type;
  EXPECT_EQ(types["t_http_requests"], "counter");
  EXPECT_EQ(types["t_http_request_duration_seconds"], "histogram");
  EXPECT_EQ(types["t_sync_runs"], "counter");
  EXPECT_EQ(types["t_last_success_timestamp_seconds"], "gauge");
  EXPECT_EQ(types["process_resident_memory_bytes"], "gauge");
  EXPECT_GT(*Find(samples, "process_resident_memory_bytes"), 0);
  EXPECT_GT(*Find(samples, "process_start_time_seconds"), 1.7e9);
}

}  // namespace
}  // namespace nmshd::metrics
