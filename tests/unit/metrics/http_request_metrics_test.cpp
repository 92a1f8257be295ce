#include "metrics/http_request_metrics.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

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
