#pragma once
// The Connector's HTTP request pipeline (connector-surface §1.1): controllers only register routes.
//
// Per request, in the official order:
//   1. correlation id: the request's first `x-correlation-id` value (when it is 1..128 visible
//      ASCII characters) or a fresh UUID v4; the rest runs inside a logging::CorrelationScope. It
//      is not echoed in the response, as officially.
//   2. security headers (SecurityHeaders, helmet), 3. request log line INFO
//      "<METHOD> <path> <status> -- <ms>ms" on category "HttpServer", 4. request counter
//      (/Monitoring/Requests), 5. `X-Response-Duration-ms` and `X-Response-Time` (all four on every
//      response, computed when it is finished; a delayed 401 counts its delay; the duration is the
//      whole one, where the official header carries only its sub-second part).
//   6. CORS only if configured (CorsPolicy; preflights answered here, before authentication).
//   7. JSON body (JsonBody): over 2 MB -> 413 error.connector.http.payloadTooLarge (officially
//      500); malformed -> 400 error.connector.validation.invalidJsonInPayload.
//   10. GET /health without authentication (HealthCheck): 200 healthy / 500 not. Ours, also
//      without authentication: GET /health/live 200 {"isAlive":true} whenever the process serves
//      requests at all (a liveness probe: no check, so a Backbone or database outage never gets
//      the process restarted), GET /health/ready 200/503 (health.h). GET /metrics here too when
//      infrastructure.httpServer.metrics.requireAuthentication is false.
//   11. authentication (Authentication): failure -> 401 error.connector.unauthorized after a
//      random 1, 2, 3 or 4 s, waited by the HTTP server on a timer (http::Response::delay), never
//      on a worker thread.
//   12. GET /Monitoring/Version | Requests | Support with roles monitoring:version | requests |
//      support (not enveloped). Ours: GET /metrics with role monitoring:metrics, the Prometheus
//      text format (metrics(); request counts and durations by route pattern are recorded in 4.).
//   13. controller routes (Add): case-insensitive paths as Express; unknown -> 404
//      error.connector.http.routeDoesNotExist; known path, other method -> 405
//      error.connector.http.methodNotAllowed with `Allow`; roles -> 403 error.connector.forbidden;
//      Accept -> 406 error.connector.http.notAcceptable; then the handler, whose exceptions become
//      error envelopes (error_responses.h), verbose in debug mode.
//
// Threading: register routes and callbacks before the server starts; Handle() is then called
// concurrently from the server's worker threads.
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/iso_date.h"
#include "config/connector_config.h"
#include "connector/http/api_call.h"
#include "connector/http/authentication.h"
#include "connector/http/build_information.h"
#include "connector/http/cors_policy.h"
#include "connector/http/health.h"
#include "connector/http/json_body.h"
#include "connector/http/request_tracker.h"
#include "connector/http/route_options.h"
#include "connector/http/security_headers.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/server.h"
#include "logging/log_system.h"
#include "metrics/http_request_metrics.h"
#include "metrics/registry.h"

namespace nmshd::connector {

inline constexpr std::string_view kCoreApiPrefix = "/api/core/v1";

// "/api/core/v1" + path, e.g. CoreRoute("/Files/{id}").
std::string CoreRoute(std::string_view path);

struct ConnectorApiOptions {
  bool debug = false;
  // infrastructure.httpServer.authentication, .cors and .helmetOptions as configured; null when
  // absent (no CORS; helmet defaults of the mode).
  boost::json::object authentication;
  boost::json::value cors;
  boost::json::value helmet_options;
  // The effective configuration; /Monitoring/Support shows it through config::RedactConfig.
  boost::json::object effective_config;
  BuildInformation build = BuildInformation::Current();
  std::size_t json_body_limit = kJsonBodyLimit;
  // infrastructure.httpServer.metrics.requireAuthentication (ours, default true). The official
  // Connector has no /metrics. Request counts per route, sync and webhook activity and the database
  // size tell an outsider how the organisation uses its identity, so by default GET /metrics is
  // treated like the official /Monitoring routes: authenticated, role monitoring:metrics. A scraper
  // that cannot send the API key header (or a JWT bearer token) can be let in without
  // authentication when the port is only reachable from the monitoring network.
  bool metrics_require_authentication = true;
  // For tests only: a fixed delay of 401 answers instead of the official random 1, 2, 3 or 4 s.
  std::optional<std::chrono::milliseconds> unauthorized_delay;
  // For tests only: the clock API-key expiry is checked against.
  std::function<TimePoint()> now;

  static ConnectorApiOptions FromConfig(const config::ConnectorConfig& config);
};

class ConnectorApi {
 public:
  // Validates the authentication, CORS and helmet options; throws CodedError
  // "error.config.invalid" with the official startup messages (authentication.h,
  // api_key_authenticator.h, security_headers.h).
  explicit ConnectorApi(ConnectorApiOptions options);
  ~ConnectorApi();
  ConnectorApi(const ConnectorApi&) = delete;
  ConnectorApi& operator=(const ConnectorApi&) = delete;

  // A controller route. `pattern` is a full path with `{name}` parameters (see CoreRoute);
  // `roles`: any of them grants access (e.g. {"core:requests", "core:requests:incoming"}); each
  // must be colon-separated segments of [a-zA-Z0-9_-] (std::invalid_argument otherwise); an empty
  // list admits every authenticated caller.
  void Add(std::string method, const std::string& pattern, std::vector<std::string> roles, ApiHandler handler,
           RouteOptions options = {});

  // GET /health. Without a check every service reports unhealthy.
  void SetHealthCheck(std::function<HealthReport()> check);
  // Members added to GET /Monitoring/Support after version, health and configuration, e.g.
  // {"identityInfo": {"address": …, "publicKey": …}} or {"identityInfo": {"error": …}}.
  void SetSupportInfo(std::function<boost::json::object()> info);

  // The process's metrics, served by GET /metrics; the application adds its collectors (database,
  // sync, webhooks) before the server starts.
  metrics::Registry& metrics() { return metrics_; }

  // The http::Server application function. Never throws.
  http::Response Handle(http::Request& request);
  // For http::Server's protocol-level answers (413 body over the server's limit, 400, 431, 500).
  http::ErrorRenderer Renderer();

  // Non-fatal findings of the configuration (e.g. unknown helmet options), also logged at startup.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct Route {
    std::vector<std::string> roles;
    ApiHandler handler;
    RouteOptions options;
  };
  // Everything after the correlation id and before the finishing headers.
  // `route` receives the matched route pattern for the request metrics (empty: not routed).
  http::Response Process(http::Request& request, const std::string& correlation_id, std::string& route);
  http::Response Dispatch(http::Request& request, const std::string& correlation_id,
                          const boost::json::value& body, const std::vector<std::string>& roles, std::string& route);
  // The pattern a request would be routed to, or metrics::kUnmatchedRoute.
  std::string RouteOf(http::Request& request) const;
  http::Response RunRoute(const Route& route, http::Request& request, const std::string& correlation_id,
                          const boost::json::value& body, const std::vector<std::string>& roles);
  http::Response Health();
  http::Response Readiness();
  http::Response Metrics() const;
  http::Response Support();
  http::Response Unauthorized() const;
  http::Response Error(int status, std::string_view code, std::string_view message) const;
  void Finish(const http::Request* request, std::string_view route, http::Response& response,
              std::chrono::steady_clock::time_point started);
  TimePoint Now() const;

  ConnectorApiOptions options_;
  std::vector<std::string> warnings_;
  Authentication authentication_;
  std::optional<CorsPolicy> cors_;
  SecurityHeaders security_headers_;
  RequestTracker tracker_;
  metrics::Registry metrics_;
  metrics::HttpRequestMetrics http_metrics_;
  std::unique_ptr<HealthCheck> health_;
  std::function<boost::json::object()> support_info_;
  // Owned here at stable addresses; the routers' handlers point at them.
  std::vector<std::unique_ptr<Route>> routes_;
  http::Router monitoring_;
  http::Router router_;
  logging::Logger log_;
};

}  // namespace nmshd::connector
