#include "metrics/http_request_metrics.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace nmshd::metrics {
namespace {

TEST(HttpRequestMetrics, CountsByMethodRouteAndStatusAndTimesByRoute) {
  Registry r;
  HttpRequestMetrics m(r, "t");
  m.Record("GET", "/Files/{id}", 200, std::chrono::milliseconds(20));
  m.Record("GET", "/Files/{id}", 200, std::chrono::milliseconds(2));
  m.Record("BREW", "unmatched", 404, std::chrono::milliseconds(1));
  const auto text = r.Render();
  EXPECT_NE(text.find("t_http_requests_total{method=\"GET\",route=\"/Files/{id}\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("t_http_requests_total{method=\"other\",route=\"unmatched\",status=\"404\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("t_http_request_duration_seconds_bucket{method=\"GET\",route=\"/Files/{id}\",le=\"0.005\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("t_http_request_duration_seconds_bucket{method=\"GET\",route=\"/Files/{id}\",le=\"0.025\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("t_http_request_duration_seconds_count{method=\"GET\",route=\"/Files/{id}\"} 2\n"),
            std::string::npos)
      << text;
}

// The series are found once and then counted into from any thread (the backbone's io and worker
// threads record at once); made-up methods share the one "other" series.
TEST(HttpRequestMetrics, ConcurrentRecordsAllCountIntoTheirSeries) {
  Registry r;
  HttpRequestMetrics m(r, "t");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m, t] {
      for (int i = 0; i < 500; ++i) {
        m.Record("GET", "/a", 200, std::chrono::milliseconds(1));
        m.Record("POST", "/b/{id}", i % 2 == 0 ? 201 : 400, std::chrono::milliseconds(1));
        m.Record(t % 2 == 0 ? "BREW" : "FOO", "unmatched", 404, std::chrono::milliseconds(1));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto text = r.Render();
  for (const char* line : {"t_http_requests_total{method=\"GET\",route=\"/a\",status=\"200\"} 2000\n",
                           "t_http_requests_total{method=\"POST\",route=\"/b/{id}\",status=\"201\"} 1000\n",
                           "t_http_requests_total{method=\"POST\",route=\"/b/{id}\",status=\"400\"} 1000\n",
                           "t_http_requests_total{method=\"other\",route=\"unmatched\",status=\"404\"} 2000\n",
                           "t_http_request_duration_seconds_count{method=\"POST\",route=\"/b/{id}\"} 2000\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << text;
  }
}

// A key too long for the lookup's stack buffer still finds its one series.
TEST(HttpRequestMetrics, ARouteLongerThanTheKeyBufferCountsIntoOneSeries) {
  Registry r;
  HttpRequestMetrics m(r, "t");
  const std::string route = "/" + std::string(600, 'r');
  m.Record("GET", route, 200, std::chrono::milliseconds(1));
  m.Record("GET", route, 200, std::chrono::milliseconds(1));
  const auto text = r.Render();
  EXPECT_NE(text.find("t_http_requests_total{method=\"GET\",route=\"" + route + "\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
}

TEST(HttpRequestMetrics, OnePerPrefixAndRegistry) {
  Registry r;
  HttpRequestMetrics connector(r, "nmshd_connector");
  HttpRequestMetrics backbone(r, "nmshd_backbone");
  EXPECT_THROW(HttpRequestMetrics(r, "nmshd_connector"), std::invalid_argument);
}

TEST(HttpRequestMetrics, TheDurationBucketsAreTheClientLibrariesDefaults) {
  Registry r;
  HttpRequestMetrics m(r, "t");
  m.Record("POST", kUnmatchedRoute, 400, std::chrono::seconds(0));
  const auto text = r.Render();
  std::string bounds;
  for (auto at = text.find("le=\""); at != std::string::npos; at = text.find("le=\"", at + 1)) {
    bounds += text.substr(at + 4, text.find('"', at + 4) - at - 4) + " ";
  }
  EXPECT_EQ(bounds, "0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10 +Inf ") << text;
}

TEST(HttpRequestMetrics, UnknownMethodsShareOneLabelValue) {
  EXPECT_EQ(NormalizeMethod("PATCH"), "PATCH");
  EXPECT_EQ(NormalizeMethod("get"), "other");
  EXPECT_EQ(NormalizeMethod("PROPFIND"), "other");
}

}  // namespace
}  // namespace nmshd::metrics
