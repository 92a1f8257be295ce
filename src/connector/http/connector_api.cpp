#include "connector/http/connector_api.h"

#include <strings.h>

#include <stdexcept>

#include "base/coded_error.h"
#include "config/redaction.h"
#include "connector/http/content_negotiation.h"
#include "connector/http/error_codes.h"
#include "connector/http/error_responses.h"
#include "connector/http/roles.h"
#include "crypto/random.h"
#include "logging/correlation_id.h"
#include "metrics/process_metrics.h"

namespace nmshd::connector {
namespace {

// The router's handlers only take the request; the rest of the call (body, roles, correlation id)
// travels alongside on this thread, which runs the whole request synchronously.
struct CallContext {
  const std::string& correlation_id;
  const boost::json::value& body;
  const std::vector<std::string>& roles;
};
thread_local const CallContext* tCall = nullptr;

const boost::json::value* Find(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

const boost::json::object* HttpServerSection(const boost::json::object& effective) {
  const auto* infra = Find(effective, "infrastructure");
  if (infra == nullptr || !infra->is_object()) return nullptr;
  const auto* http = Find(infra->get_object(), "httpServer");
  return http != nullptr && http->is_object() ? &http->get_object() : nullptr;
}

// The official middleware adopts any value; we take it only when it cannot break log lines.
std::string AdoptCorrelationId(const http::Request& request) {
  auto header = request.Header("x-correlation-id");
  if (header) {
    // A proxy or client may fold repeated headers into one comma-separated value: take the first.
    std::string_view id(*header);
    id = id.substr(0, id.find(','));
    auto first = id.find_first_not_of(" \t");
    auto last = id.find_last_not_of(" \t");
    if (first != std::string_view::npos) {
      id = id.substr(first, last - first + 1);
      bool sane = id.size() <= 128;
      for (char c : id) sane = sane && c > 0x20 && c < 0x7f;
      if (sane) return std::string(id);
    }
  }
  return logging::NewCorrelationId();
}

// The routes answered before authentication (case-insensitive paths, as Express).
enum class OpenRoute { kNone, kHealth, kLive, kReady, kMetrics };

OpenRoute OpenRouteOf(const http::Request& request) {
  if (request.method != "GET") return OpenRoute::kNone;
  auto segments = http::SplitPath(request.path);
  auto is = [&](std::size_t i, const char* text) { return strcasecmp(segments[i].c_str(), text) == 0; };
  if (segments.size() == 1 && is(0, "health")) return OpenRoute::kHealth;
  if (segments.size() == 1 && is(0, "metrics")) return OpenRoute::kMetrics;
  if (segments.size() == 2 && is(0, "health") && is(1, "live")) return OpenRoute::kLive;
  if (segments.size() == 2 && is(0, "health") && is(1, "ready")) return OpenRoute::kReady;
  return OpenRoute::kNone;
}

const char* PatternOf(OpenRoute route) {
  switch (route) {
    case OpenRoute::kHealth:
      return "/health";
    case OpenRoute::kLive:
      return "/health/live";
    case OpenRoute::kReady:
      return "/health/ready";
    case OpenRoute::kMetrics:
      return "/metrics";
    case OpenRoute::kNone:
      break;
  }
  return "";
}

// The path as received, without the query (Express logs req.baseUrl + req.path).
std::string LoggedPath(const http::Request& request) {
  return request.target.substr(0, request.target.find('?'));
}

}  // namespace

std::string CoreRoute(std::string_view path) { return std::string(kCoreApiPrefix) + std::string(path); }

ConnectorApiOptions ConnectorApiOptions::FromConfig(const config::ConnectorConfig& config) {
  ConnectorApiOptions options;
  options.debug = config.debug;
  options.effective_config = config.effective;
  if (const auto* http = HttpServerSection(config.effective)) {
    if (const auto* auth = Find(*http, "authentication"); auth != nullptr && auth->is_object()) {
      options.authentication = auth->get_object();
    }
    if (const auto* cors = Find(*http, "cors")) options.cors = *cors;
    if (const auto* helmet = Find(*http, "helmetOptions")) options.helmet_options = *helmet;
    if (const auto* metrics = Find(*http, "metrics")) {
      const auto* require = metrics->is_object() ? Find(metrics->get_object(), "requireAuthentication") : nullptr;
      if (!metrics->is_object() || (require != nullptr && !require->is_bool())) {
        throw CodedError("error.config.invalid",
                         "infrastructure.httpServer.metrics must be an object whose requireAuthentication is a boolean");
      }
      if (require != nullptr) options.metrics_require_authentication = require->get_bool();
    }
  }
  return options;
}

ConnectorApi::ConnectorApi(ConnectorApiOptions options)
    : options_(std::move(options)),
      authentication_(options_.authentication, options_.debug, Now()),
      cors_(CorsPolicy::FromConfig(options_.cors.is_null() ? nullptr : &options_.cors)),
      security_headers_(SecurityHeaders::FromConfig(
          options_.helmet_options.is_null() ? nullptr : &options_.helmet_options, options_.debug, warnings_)),
      tracker_(NowMs()),
      http_metrics_(metrics_, "nmshd_connector"),
      health_(std::make_unique<HealthCheck>(nullptr)),
      log_(logging::GetLogger("HttpServer")) {
  if (authentication_.open()) {
    log_.Warn("No authentication is configured: in debug mode every request is let in with all roles");
  }
  for (const auto& w : warnings_) log_.Warn("{}", w);

  auto version = [this](ApiCall&) { return http::Response::Json(200, options_.build.ToJson()); };
  auto requests = [this](ApiCall&) { return http::Response::Json(200, tracker_.ToJson()); };
  auto support = [this](ApiCall&) { return Support(); };
  auto metrics = [this](ApiCall&) { return Metrics(); };
  struct Monitoring {
    const char* path;
    const char* role;
    ApiHandler handler;
  };
  for (auto& m : std::vector<Monitoring>{{"/Monitoring/Version", "monitoring:version", version},
                                         {"/Monitoring/Requests", "monitoring:requests", requests},
                                         {"/Monitoring/Support", "monitoring:support", support},
                                         {"/metrics", "monitoring:metrics", metrics}}) {
    auto route = std::make_unique<Route>(Route{{m.role}, std::move(m.handler), RouteOptions::AnyAccept()});
    const Route* r = route.get();
    routes_.push_back(std::move(route));
    monitoring_.Add("GET", m.path, [this, r](http::Request& request) {
      return RunRoute(*r, request, tCall->correlation_id, tCall->body, tCall->roles);
    });
  }
  metrics::AddProcessMetrics(metrics_);
}

ConnectorApi::~ConnectorApi() = default;

TimePoint ConnectorApi::Now() const { return options_.now ? options_.now() : NowMs(); }

void ConnectorApi::Add(std::string method, const std::string& pattern, std::vector<std::string> roles,
                       ApiHandler handler, RouteOptions options) {
  for (const auto& role : roles) {
    if (!IsValidPermittedRole(role)) {
      throw std::invalid_argument("invalid role \"" + role + "\" for " + method + " " + pattern +
                                  ": roles are colon-separated segments of [a-zA-Z0-9_-]");
    }
  }
  auto route = std::make_unique<Route>(Route{std::move(roles), std::move(handler), std::move(options)});
  const Route* r = route.get();
  routes_.push_back(std::move(route));
  router_.Add(std::move(method), pattern, [this, r](http::Request& request) {
    return RunRoute(*r, request, tCall->correlation_id, tCall->body, tCall->roles);
  });
}

void ConnectorApi::SetHealthCheck(std::function<HealthReport()> check) {
  health_ = std::make_unique<HealthCheck>(std::move(check));
}

void ConnectorApi::SetSupportInfo(std::function<boost::json::object()> info) { support_info_ = std::move(info); }

http::Response ConnectorApi::Error(int status, std::string_view code, std::string_view message) const {
  return ErrorResponse(status, code, message, options_.debug);
}

http::Response ConnectorApi::Unauthorized() const {
  auto response = Error(401, errors::kUnauthorized, errors::kUnauthorizedMessage);
  response.delay = options_.unauthorized_delay.value_or(
      std::chrono::seconds(1 + crypto::RandomBytes(1)[0] % 4));
  return response;
}

http::Response ConnectorApi::Health() {
  auto report = health_->Run();
  return http::Response::Json(report.healthy() ? 200 : 500, report.ToJson());
}

http::Response ConnectorApi::Readiness() {
  auto report = health_->Run();
  return http::Response::Json(report.ready() ? 200 : 503, report.ReadinessJson());
}

http::Response ConnectorApi::Metrics() const {
  return http::Response::Bytes(200, std::string(metrics::kTextFormatContentType), metrics_.Render());
}

http::Response ConnectorApi::Support() {
  boost::json::object o;
  o["version"] = options_.build.ToJson();
  o["health"] = health_->Run().ToJson();
  o["configuration"] = config::RedactConfig(options_.effective_config);
  if (support_info_) {
    for (auto& kv : support_info_()) o[kv.key()] = std::move(kv.value());
  }
  if (!o.contains("identityInfo")) {
    o["identityInfo"] = boost::json::object{{"error", "The identity information is not available."}};
  }
  return http::Response::Json(200, o);
}

http::Response ConnectorApi::RunRoute(const Route& route, http::Request& request, const std::string& correlation_id,
                                      const boost::json::value& body, const std::vector<std::string>& roles) {
  if (!IsAuthorized(roles, route.roles)) return Error(403, errors::kForbidden, errors::kForbiddenMessage);
  std::string accepted;
  if (!route.options.accepts.empty()) {
    auto negotiated = NegotiateMediaType(request.Header("Accept"), route.options.accepts);
    if (!negotiated) return Error(406, errors::kNotAcceptable, errors::kNotAcceptableMessage);
    accepted = std::move(*negotiated);
  }
  http::Response response;
  try {
    ApiCall call(request, correlation_id, body, accepted, roles);
    response = route.handler(call);
  } catch (const std::exception& e) {
    return ResponseForHandlerError(e, request.method, request.path, options_.debug, log_);
  }
  if (!route.options.accepts.empty() && request.method == "GET") AppendVary(response, "Accept");
  return response;
}

http::Response ConnectorApi::Dispatch(http::Request& request, const std::string& correlation_id,
                                      const boost::json::value& body, const std::vector<std::string>& roles,
                                      std::string& route) {
  CallContext call{correlation_id, body, roles};
  const CallContext* previous = tCall;
  tCall = &call;
  struct Restore {
    const CallContext* previous;
    ~Restore() { tCall = previous; }
  } restore{previous};

  // Monitoring routes are plain Express routes: another method falls through to the controllers.
  if (auto m = monitoring_.Find(request); m.outcome == http::Router::Outcome::kFound) {
    route = *m.pattern;
    return (*m.handler)(request);
  }
  auto match = router_.Find(request);
  switch (match.outcome) {
    case http::Router::Outcome::kNotFound:
      return Error(404, errors::kRouteDoesNotExist, errors::kRouteDoesNotExistMessage);
    case http::Router::Outcome::kMethodNotAllowed: {
      auto response = Error(405, errors::kMethodNotAllowed, errors::kMethodNotAllowedMessage);
      response.SetHeader("Allow", match.allowed_methods);
      return response;
    }
    case http::Router::Outcome::kFound:
      break;
  }
  route = *match.pattern;
  return (*match.handler)(request);
}

std::string ConnectorApi::RouteOf(http::Request& request) const {
  if (const auto open = OpenRouteOf(request); open != OpenRoute::kNone) return PatternOf(open);
  for (const auto* router : {&monitoring_, &router_}) {
    if (auto m = router->Find(request); m.outcome == http::Router::Outcome::kFound) return *m.pattern;
  }
  return std::string(metrics::kUnmatchedRoute);
}

http::Response ConnectorApi::Process(http::Request& request, const std::string& correlation_id, std::string& route) {
  if (cors_ && cors_->AnswersPreflight(request)) return cors_->Answer(request);

  auto body = ReadJsonBody(request, options_.json_body_limit);
  switch (body.outcome) {
    case JsonBody::Outcome::kTooLarge:
      return Error(413, errors::kPayloadTooLarge,
                   "The request body is larger than the limit of " + std::to_string(options_.json_body_limit) +
                       " bytes.");
    case JsonBody::Outcome::kInvalid:
      return Error(400, errors::kInvalidJson, errors::kInvalidJsonMessage);
    case JsonBody::Outcome::kNone:
    case JsonBody::Outcome::kParsed:
      break;
  }

  switch (const auto open = OpenRouteOf(request)) {
    case OpenRoute::kHealth:
    case OpenRoute::kLive:
    case OpenRoute::kReady:
      route = PatternOf(open);
      if (open == OpenRoute::kLive) return http::Response::Json(200, boost::json::object{{"isAlive", true}});
      return open == OpenRoute::kHealth ? Health() : Readiness();
    case OpenRoute::kMetrics:
      if (options_.metrics_require_authentication) break;  // a monitoring route, after authentication
      route = PatternOf(open);
      return Metrics();
    case OpenRoute::kNone:
      break;
  }

  auto roles = authentication_.Authenticate(request, Now());
  if (!roles) return Unauthorized();
  return Dispatch(request, correlation_id, body.value, *roles, route);
}

void ConnectorApi::Finish(const http::Request* request, std::string_view route, http::Response& response,
                          std::chrono::steady_clock::time_point started) {
  // The handling time: a 401's deliberate delay is not the server's latency.
  const auto handled = std::chrono::steady_clock::now() - started;
  security_headers_.Apply(response);
  if (cors_ && request != nullptr) cors_->Apply(*request, response);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started) +
                 response.delay;
  response.SetHeader("X-Response-Duration-ms", std::to_string(elapsed.count()));
  response.SetHeader("X-Response-Time", FormatIsoUtc(NowMs() + response.delay));
  tracker_.Record(response.status);
  try {
    http_metrics_.Record(request != nullptr ? request->method : "", route, response.status, handled);
  } catch (...) {
    // out of memory for a new series: the answer and its log line still go out
  }
  if (request != nullptr) {
    log_.Info("{} {} {} -- {}ms", request->method, LoggedPath(*request), response.status, elapsed.count());
  }
}

http::Response ConnectorApi::Handle(http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  logging::CorrelationScope scope(AdoptCorrelationId(request));
  http::Response response;
  std::string route;
  try {
    response = Process(request, logging::CurrentCorrelationId(), route);
  } catch (const std::exception& e) {
    response = ResponseForHandlerError(e, request.method, request.path, options_.debug, log_);
  } catch (...) {
    response = Error(500, errors::kUnexpected, errors::kUnexpectedMessage);
  }
  try {
    if (route.empty()) route = RouteOf(request);
    Finish(&request, route, response, started);
  } catch (...) {
    // logging or header formatting failed: the answer itself is still good
  }
  return response;
}

http::ErrorRenderer ConnectorApi::Renderer() {
  return [this](int status, const std::string& detail) {
    const auto started = std::chrono::steady_clock::now();
    http::Response response;
    if (status == 413) {
      response = Error(413, errors::kPayloadTooLarge, detail);
    } else if (status >= 500) {
      log_.Error("request failed in the HTTP server: {}", detail);
      response = Error(500, errors::kUnexpected, errors::kUnexpectedMessage);
    } else {
      response = Error(status, errors::kBadRequest, detail);
    }
    Finish(nullptr, metrics::kUnmatchedRoute, response, started);
    return response;
  };
}

}  // namespace nmshd::connector
