// The Backbone's GET /metrics (request metrics by route pattern, database size, process) and its
// liveness/readiness probes, on the real BackboneApp with SQLite in a temp folder.
#include <gtest/gtest.h>

#include <strings.h>

#include <filesystem>

#include "app/backbone_app.h"
#include "config/backbone_config.h"
#include "crypto/random.h"

namespace nmshd::backbone {
namespace {

namespace fs = std::filesystem;

class BackboneMetrics : public ::testing::Test {
 protected:
  BackboneMetrics() : dir_(fs::temp_directory_path() / ("nmshd-bb-metrics-" + crypto::RandomString(12, "abcdefghijklmnop"))) {
    auto cfg = config::BackboneDefaults();
    cfg["database"] = boost::json::object{{"driver", "sqlite"}, {"dbName", "backbone"}, {"folder", dir_.string()}};
    cfg["logging"].as_object()["categories"].as_object()["default"].as_object()["level"] = "OFF";
    app_ = std::make_unique<BackboneApp>(config::ValidateBackboneConfig(cfg));
  }
  ~BackboneMetrics() override {
    app_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
    fs::remove_all(dir_.string() + "-moved", ec);
  }

  http::Response Get(const std::string& path) {
    http::Request r;
    r.method = "GET";
    r.target = path;
    r.path = path;
    return app_->api().Handle(r);
  }

  static double SampleValue(const std::string& text, const std::string& series) {
    const auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + series.size() + 2));
  }

  fs::path dir_;
  std::unique_ptr<BackboneApp> app_;
};

TEST_F(BackboneMetrics, CountsRequestsByRoutePatternAndReportsTheDatabaseSize) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Get("/api/v2/Challenges/CHLnotthere" + std::to_string(i)).status, 401);
  EXPECT_EQ(Get("/api/v2/Version").status, 200);
  EXPECT_EQ(Get("/no/such/thing").status, 404);
  const auto response = Get("/metrics");
  ASSERT_EQ(response.status, 200);
  std::string content_type;
  for (const auto& [k, v] : response.headers) {
    if (strcasecmp(k.c_str(), "Content-Type") == 0) content_type = v;
  }
  EXPECT_EQ(content_type, "text/plain; version=0.0.4; charset=utf-8");
  const auto& text = response.body;
  EXPECT_EQ(SampleValue(text, R"(nmshd_backbone_http_requests_total{method="GET",route="/api/v2/Challenges/{id}",status="401"})"), 3)
      << text;
  EXPECT_EQ(SampleValue(text, R"(nmshd_backbone_http_requests_total{method="GET",route="/api/v2/Version",status="200"})"), 1)
      << text;
  EXPECT_EQ(SampleValue(text, R"(nmshd_backbone_http_requests_total{method="GET",route="unmatched",status="404"})"), 1)
      << text;
  EXPECT_EQ(SampleValue(text, R"(nmshd_backbone_http_request_duration_seconds_count{method="GET",route="/api/v2/Challenges/{id}"})"), 3)
      << text;
  EXPECT_EQ(text.find("CHLnotthere"), std::string::npos) << "a raw path leaked into a label";
  const auto size = SampleValue(text, "nmshd_backbone_database_size_bytes");
  EXPECT_GE(size, static_cast<double>(fs::file_size(dir_ / "backbone.db"))) << text;
  EXPECT_GT(SampleValue(text, "process_resident_memory_bytes"), 1e6) << text;
  EXPECT_GT(SampleValue(text, "process_start_time_seconds"), 1.7e9) << text;
}

TEST_F(BackboneMetrics, ReadinessFollowsTheDatabaseWhileLivenessHolds) {
  EXPECT_EQ(Get("/health/live").status, 200);
  EXPECT_EQ(Get("/health/ready").status, 200);
  EXPECT_EQ(Get("/health/ready").body, "Healthy");
  fs::rename(dir_, dir_.string() + "-moved");  // the database is gone from where it was opened
  const auto ready = Get("/health/ready");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.body, "Unhealthy");
  EXPECT_EQ(Get("/health/live").status, 200);
  EXPECT_EQ(Get("/health").status, 200);  // the official route is unchanged: it never touches the database
  fs::rename(dir_.string() + "-moved", dir_);
  EXPECT_EQ(Get("/health/ready").status, 200);
}

}  // namespace
}  // namespace nmshd::backbone
