// GET /metrics, /health/live and /health/ready of the connector's HTTP pipeline: who may read
// them, what they answer, and that request metrics are labelled by route pattern.
#include <gtest/gtest.h>

#include <strings.h>

#include "base/coded_error.h"
#include "connector/http/connector_api.h"
#include "connector/http/envelopes.h"
#include "test_support.h"

namespace nmshd::connector {
namespace {

using testing::kKey;
using testing::kOtherKey;
using testing::MakeRequest;

const std::string kMetricsKey = "Metrics-Only_Key_for_the_tests_55!";

ConnectorApiOptions Options(bool require_authentication = true) {
  ConnectorApiOptions o;
  o.authentication = boost::json::parse(R"({"apiKey": {"headerName": "X-API-KEY", "keys": {
      "full": {"key": ")" + kKey + R"("},
      "files": {"key": ")" + kOtherKey + R"(", "scopes": ["core:files"]},
      "metrics": {"key": ")" + kMetricsKey + R"(", "scopes": ["monitoring:metrics"]}}}})")
                         .as_object();
  o.unauthorized_delay = std::chrono::milliseconds(0);
  o.metrics_require_authentication = require_authentication;
  return o;
}

http::Response Call(ConnectorApi& api, const std::string& method, const std::string& path, const std::string& key) {
  auto r = MakeRequest(method, path);
  if (!key.empty()) r.headers["X-API-KEY"] = key;
  return api.Handle(r);
}

std::string HeaderOf(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return "<absent>";
}

// The value of the sample line that starts with `series` ("name{labels}"), or -1.
double SampleValue(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

TEST(ConnectorApiMetrics, NeedTheMonitoringMetricsRoleByDefault) {
  ConnectorApi api(Options());
  EXPECT_EQ(Call(api, "GET", "/metrics", "").status, 401);
  EXPECT_EQ(Call(api, "GET", "/metrics", kOtherKey).status, 403);  // core:files only
  const auto ok = Call(api, "GET", "/metrics", kMetricsKey);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(HeaderOf(ok, "Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(ok.body.find("# TYPE nmshd_connector_http_requests_total counter\n"), std::string::npos) << ok.body;
  EXPECT_NE(ok.body.find("\nprocess_resident_memory_bytes "), std::string::npos) << ok.body;
  EXPECT_EQ(Call(api, "GET", "/metrics", kKey).status, 200);  // a key without scopes has every role
}

TEST(ConnectorApiMetrics, CanBeOpenedToScrapersWithoutAKey) {
  ConnectorApi api(Options(false));
  EXPECT_EQ(Call(api, "GET", "/metrics", "").status, 200);
  EXPECT_EQ(Call(api, "POST", "/metrics", "").status, 401);  // only GET is open
}

TEST(ConnectorApiMetrics, TheSwitchIsReadFromTheConfiguration) {
  config::ConnectorConfig config;
  EXPECT_TRUE(ConnectorApiOptions::FromConfig(config).metrics_require_authentication);
  config.effective = boost::json::parse(R"({"infrastructure":{"httpServer":{"metrics":{"requireAuthentication":false}}}})")
                         .as_object();
  EXPECT_FALSE(ConnectorApiOptions::FromConfig(config).metrics_require_authentication);
  config.effective = boost::json::parse(R"({"infrastructure":{"httpServer":{"metrics":{"requireAuthentication":"no"}}}})")
                         .as_object();
  try {
    ConnectorApiOptions::FromConfig(config);
    ADD_FAILURE() << "a non-boolean was accepted";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.config.invalid");
  }
}

TEST(ConnectorApiMetrics, RequestsAreCountedByRoutePatternNotByPath) {
  ConnectorApi api(Options());
  api.Add("GET", CoreRoute("/Files/{id}"), {"core:files"},
          [](ApiCall& call) { return Ok(boost::json::object{{"id", call.request.PathParam("id")}}); });
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Call(api, "GET", "/api/core/v1/Files/FIL" + std::to_string(i), kKey).status, 200);
  EXPECT_EQ(Call(api, "GET", "/api/core/v1/Files/FILX", "").status, 401);
  EXPECT_EQ(Call(api, "GET", "/no/such/route", kKey).status, 404);
  EXPECT_EQ(Call(api, "GET", "/health/live", "").status, 200);
  const auto text = Call(api, "GET", "/metrics", kMetricsKey).body;
  EXPECT_EQ(SampleValue(text, R"(nmshd_connector_http_requests_total{method="GET",route="/api/core/v1/Files/{id}",status="200"})"), 5)
      << text;
  // An unauthenticated request is still attributed to the route it aimed at.
  EXPECT_EQ(SampleValue(text, R"(nmshd_connector_http_requests_total{method="GET",route="/api/core/v1/Files/{id}",status="401"})"), 1)
      << text;
  EXPECT_EQ(SampleValue(text, R"(nmshd_connector_http_requests_total{method="GET",route="unmatched",status="404"})"), 1)
      << text;
  EXPECT_EQ(SampleValue(text, R"(nmshd_connector_http_requests_total{method="GET",route="/health/live",status="200"})"), 1)
      << text;
  EXPECT_EQ(SampleValue(text, R"(nmshd_connector_http_request_duration_seconds_count{method="GET",route="/api/core/v1/Files/{id}"})"), 6)
      << text;
  EXPECT_EQ(text.find("FIL0"), std::string::npos) << "a raw path leaked into a label";
  // The scrape itself is counted once it is answered.
  const auto again = Call(api, "GET", "/metrics", kMetricsKey).body;
  EXPECT_EQ(SampleValue(again, R"(nmshd_connector_http_requests_total{method="GET",route="/metrics",status="200"})"), 1)
      << again;
}

TEST(ConnectorApiHealth, LivenessHoldsWhileReadinessAndHealthFail) {
  ConnectorApi api(Options());
  api.SetHealthCheck([] { return HealthReport{true, false, false}; });  // the Backbone is down
  const auto live = Call(api, "GET", "/health/live", "");
  EXPECT_EQ(live.status, 200);
  EXPECT_EQ(live.body, R"({"isAlive":true})");
  const auto ready = Call(api, "GET", "/health/ready", "");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.body,
            R"({"isReady":false,"services":{"database":"healthy","backboneConnection":"unhealthy","backboneAuthentication":"unhealthy","keyMaterial":"healthy"}})");
  EXPECT_EQ(Call(api, "GET", "/health", "").status, 500);
  EXPECT_EQ(Call(api, "GET", "/HEALTH/Ready", "").status, 503);  // paths are case-insensitive
}

TEST(ConnectorApiHealth, ReadinessNeedsTheKeyMaterialAndHealthShowsTheDetails) {
  ConnectorApi api(Options());
  api.SetHealthCheck([] {
    HealthReport report{true, true, true};
    report.details = HealthDetails{"2026-03-01T12:00:00.000Z", 42, 1.5, 1000, false};
    return report;
  });
  const auto health = Call(api, "GET", "/health", "");
  EXPECT_EQ(health.status, 200);  // the official three decide /health
  EXPECT_EQ(health.body,
            R"({"isHealthy":true,"services":{"database":"healthy","backboneConnection":"healthy","backboneAuthentication":"healthy"},)"
            R"("details":{"lastSuccessfulSync":"2026-03-01T12:00:00.000Z","syncLagSeconds":42,"databaseLatencyMs":1.5,)"
            R"("dataFolderFreeBytes":1000,"keyMaterialReadable":false}})");
  const auto ready = Call(api, "GET", "/health/ready", "");
  EXPECT_EQ(ready.status, 503);
  EXPECT_NE(ready.body.find(R"("keyMaterial":"unhealthy")"), std::string::npos) << ready.body;

  api.SetHealthCheck([] {
    HealthReport report{true, true, true};
    report.details = HealthDetails{std::nullopt, std::nullopt, 0.25, std::nullopt, true};
    return report;
  });
  const auto fine = Call(api, "GET", "/health/ready", "");
  EXPECT_EQ(fine.status, 200);
  EXPECT_EQ(fine.body.rfind(R"({"isReady":true,)", 0), 0u) << fine.body;
}

}  // namespace
}  // namespace nmshd::connector
