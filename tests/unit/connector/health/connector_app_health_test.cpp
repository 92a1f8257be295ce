// The composed connector (ConnectorApp, in-process, real HTTP on loopback) against the in-process
// Backbone: /health with its details, liveness and readiness when the database or the Backbone is
// gone, and /metrics read by the official Prometheus client's parser.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "config/connector_config.h"
#include "connector/app/connector_app.h"
#include "crypto/random.h"
#include "transport/support/transport_harness.h"
#include "unit/metrics/prometheus_parser.h"

namespace nmshd::connector {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;
using metrics::testing::Find;

const std::string kKey = "This_is_a_test_APIKEY_with_30_chars+";

// Answers 200 on /ok and 500 on /fail, as webhook targets.
class WebhookTarget {
 public:
  WebhookTarget() {
    server_.Post("/ok", [](const httplib::Request&, httplib::Response& res) { res.status = 200; });
    server_.Post("/fail", [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~WebhookTarget() {
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

struct Answer {
  int status = 0;
  std::string body;
  js::value json;
};

class ConnectorAppHealth : public ::testing::Test {
 protected:
  void StartConnector(const js::object& modules = {}) {
    js::object cfg = config::ConnectorDefaults();
    cfg["transportLibrary"].as_object()["baseUrl"] = backbone_.base_url();
    cfg["transportLibrary"].as_object()["platformClientId"] = transport::testing::kClientId;
    cfg["transportLibrary"].as_object()["platformClientSecret"] = transport::testing::kClientSecret;
    cfg["database"] = js::object{{"driver", "sqlite"}, {"dbName", "connector"}, {"folder", data_.string()}};
    auto& http = cfg["infrastructure"].as_object()["httpServer"].as_object();
    http["port"] = 0;
    http["address"] = "127.0.0.1";
    http["authentication"].as_object()["apiKey"].as_object()["keys"] = js::object{{"test", {{"key", kKey}}}};
    cfg["logging"].as_object()["categories"].as_object()["default"].as_object()["level"] = "OFF";
    for (const auto& [name, module] : modules) cfg["modules"].as_object()[name] = module;
    app_ = std::make_unique<ConnectorApp>(config::ValidateConnectorConfig(cfg));
    app_->Start();
  }

  void TearDown() override {
    if (fs::exists(moved_)) fs::rename(moved_, data_);
    app_.reset();
    std::error_code ec;
    fs::remove_all(data_, ec);
  }

  Answer Call(const std::string& method, const std::string& path, bool with_key = true) {
    httplib::Client client("127.0.0.1", app_->port());
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    if (with_key) headers.emplace("X-API-KEY", kKey);
    auto r = method == "GET" ? client.Get(path, headers) : client.Post(path, headers, "", "application/json");
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.body = r->body;
    boost::system::error_code ec;
    a.json = js::parse(r->body, ec);
    return a;
  }

  transport::testing::TestBackbone backbone_;
  fs::path data_ = fs::temp_directory_path() / ("nmshd-connector-app-" + crypto::RandomString(10, "abcdefghijklmnop"));
  fs::path moved_ = data_.string() + "-moved";
  std::unique_ptr<ConnectorApp> app_;
};

TEST_F(ConnectorAppHealth, HealthKeepsTheOfficialFieldsAndAddsDetails) {
  StartConnector();
  EXPECT_EQ(Call("POST", "/api/core/v1/Account/Sync").status, 204);
  const auto health = Call("GET", "/health", false);
  ASSERT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(js::serialize(health.json.at("services")),
            R"({"database":"healthy","backboneConnection":"healthy","backboneAuthentication":"healthy"})");
  EXPECT_EQ(health.json.at("isHealthy"), true);
  const auto& details = health.json.at("details").as_object();
  EXPECT_TRUE(details.at("lastSuccessfulSync").is_string()) << health.body;
  EXPECT_GE(details.at("syncLagSeconds").to_number<std::int64_t>(), 0);
  EXPECT_LT(details.at("syncLagSeconds").to_number<std::int64_t>(), 60);
  EXPECT_GE(details.at("databaseLatencyMs").to_number<double>(), 0);
  EXPECT_GT(details.at("dataFolderFreeBytes").to_number<double>(), 0);
  EXPECT_EQ(details.at("keyMaterialReadable"), true);
  EXPECT_EQ(Call("GET", "/health/ready", false).status, 200);
  EXPECT_EQ(Call("GET", "/health/live", false).status, 200);
}

TEST_F(ConnectorAppHealth, DatabaseGoneMakesHealth500AndReadinessFailWhileLivenessHolds) {
  StartConnector();
  ASSERT_EQ(Call("GET", "/health", false).status, 200);
  // The folder with the SQLite file (and the default key file) disappears from under the process.
  fs::rename(data_, moved_);
  const auto health = Call("GET", "/health", false);
  EXPECT_EQ(health.status, 500) << health.body;
  EXPECT_EQ(health.json.at("isHealthy"), false);
  EXPECT_EQ(health.json.at("services").at("database"), "unhealthy");
  EXPECT_EQ(health.json.at("services").at("backboneConnection"), "healthy");
  EXPECT_TRUE(health.json.at("details").at("databaseLatencyMs").is_null());
  EXPECT_EQ(health.json.at("details").at("keyMaterialReadable"), false);  // the key file went with it
  const auto ready = Call("GET", "/health/ready", false);
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(ready.json.at("services").at("database"), "unhealthy");
  EXPECT_EQ(Call("GET", "/health/live", false).status, 200);
  fs::rename(moved_, data_);
  EXPECT_EQ(Call("GET", "/health", false).status, 200);
  EXPECT_EQ(Call("GET", "/health/ready", false).status, 200);
}

TEST_F(ConnectorAppHealth, BackboneDownFailsReadinessButNotLiveness) {
  StartConnector();
  ASSERT_EQ(Call("GET", "/health/ready", false).status, 200);
  backbone_.app().Stop();
  const auto ready = Call("GET", "/health/ready", false);
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(ready.json.at("isReady"), false);
  EXPECT_EQ(ready.json.at("services").at("backboneConnection"), "unhealthy");
  EXPECT_EQ(ready.json.at("services").at("database"), "healthy");
  EXPECT_EQ(ready.json.at("services").at("keyMaterial"), "healthy");
  const auto live = Call("GET", "/health/live", false);
  EXPECT_EQ(live.status, 200);
  EXPECT_EQ(live.body, R"({"isAlive":true})");
  const auto health = Call("GET", "/health", false);
  EXPECT_EQ(health.status, 500);
  EXPECT_EQ(health.json.at("services").at("backboneConnection"), "unhealthy");
}

TEST_F(ConnectorAppHealth, MetricsAreReadByThePrometheusParser) {
  WebhookTarget target;
  StartConnector(js::object{{"webhooks", js::object{{"enabled", true},
                                                    {"targets", {{"ok", {{"url", target.Url("/ok")}}},
                                                                 {"fail", {{"url", target.Url("/fail")}}}}},
                                                    {"webhooks", js::array{{{"triggers", {"runtime.modulesStarted"}}, {"target", "ok"}},
                                                                           {{"triggers", {"runtime.modulesStarted"}}, {"target", "fail"}}}}}}});
  constexpr int kIdentityInfoCalls = 5;
  for (int i = 0; i < kIdentityInfoCalls; ++i) ASSERT_EQ(Call("GET", "/api/core/v1/Account/IdentityInfo").status, 200);
  ASSERT_EQ(Call("POST", "/api/core/v1/Account/Sync").status, 204);
  ASSERT_EQ(Call("POST", "/api/core/v1/Account/Sync").status, 204);
  EXPECT_EQ(Call("GET", "/api/core/v1/Account/IdentityInfo", false).status, 401);
  EXPECT_EQ(Call("GET", "/metrics", false).status, 401);  // behind the API key by default

  // The webhook deliveries of runtime.modulesStarted run on the module's workers.
  std::vector<metrics::testing::ParsedSample> samples;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    const auto scrape = Call("GET", "/metrics");
    ASSERT_EQ(scrape.status, 200);
    samples = metrics::testing::ParseWithPrometheusClient(scrape.body);
    const auto delivered = Find(samples, "nmshd_connector_webhook_deliveries_total", {{"result", "delivered"}});
    const auto failed = Find(samples, "nmshd_connector_webhook_deliveries_total", {{"result", "failed"}});
    if ((delivered == 1.0 && failed == 1.0) || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const std::string route = "/api/core/v1/Account/IdentityInfo";
  EXPECT_EQ(Find(samples, "nmshd_connector_http_requests_total", {{"method", "GET"}, {"route", route}, {"status", "200"}}),
            kIdentityInfoCalls);
  EXPECT_EQ(Find(samples, "nmshd_connector_http_requests_total", {{"method", "GET"}, {"route", route}, {"status", "401"}}), 1);
  EXPECT_EQ(Find(samples, "nmshd_connector_http_request_duration_seconds_count", {{"method", "GET"}, {"route", route}}),
            kIdentityInfoCalls + 1);
  EXPECT_EQ(Find(samples, "nmshd_connector_http_requests_total",
                 {{"method", "POST"}, {"route", "/api/core/v1/Account/Sync"}, {"status", "204"}}),
            2);
  EXPECT_EQ(Find(samples, "nmshd_connector_sync_runs_total", {{"result", "success"}}), 2);
  EXPECT_EQ(Find(samples, "nmshd_connector_sync_runs_total", {{"result", "failure"}}), 0);
  EXPECT_EQ(Find(samples, "nmshd_connector_sync_external_events_processed_total", {{"result", "success"}}), 0);
  const auto now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto last_sync = Find(samples, "nmshd_connector_sync_last_success_timestamp_seconds");
  ASSERT_TRUE(last_sync.has_value());
  EXPECT_NEAR(*last_sync, now, 60);
  EXPECT_EQ(Find(samples, "nmshd_connector_webhook_deliveries_total", {{"result", "delivered"}}), 1);
  EXPECT_EQ(Find(samples, "nmshd_connector_webhook_deliveries_total", {{"result", "failed"}}), 1);
  EXPECT_EQ(Find(samples, "nmshd_connector_webhook_deliveries_total", {{"result", "dropped"}}), 0);
  const auto size = Find(samples, "nmshd_connector_database_size_bytes");
  ASSERT_TRUE(size.has_value());
  EXPECT_GE(*size, static_cast<double>(fs::file_size(data_ / "connector.db")));
  EXPECT_GT(Find(samples, "process_resident_memory_bytes").value_or(0), 1e6);
  EXPECT_NEAR(Find(samples, "process_start_time_seconds").value_or(0), now, 3600);
  // Every histogram's buckets are cumulative and end at _count.
  double previous = 0;
  for (const auto& s : samples) {
    if (s.name != "nmshd_connector_http_request_duration_seconds_bucket" || s.labels.at("route") != route) continue;
    EXPECT_GE(s.value, previous) << "le=" << s.labels.at("le");
    previous = s.value;
  }
  EXPECT_EQ(previous, kIdentityInfoCalls + 1);
}

}  // namespace
}  // namespace nmshd::connector
