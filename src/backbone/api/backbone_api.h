#pragma once
// The ApiRoutes implementation: the HTTP front of the Backbone server. Owns the route table
// (http::Router: case-insensitive literals and parameter names) and wraps every handler with the
// cross-cutting rules of the official Consumer API (backbone-protocol §0):
//   * Bearer authentication: `Authorization: Bearer <token>` resolved through auth::AccessTokens;
//     missing, unknown or expired -> 401 (UnauthorizedResponse). OptionalAuth routes treat a bad
//     token as anonymous, as ASP.NET does for [AllowAnonymous] actions.
//   * errors: CodedError -> official envelope with the status of StatusForErrorCode; a storage
//     failure or any other exception -> logged with the correlation id, answered 500
//     error.platform.unexpected (details never reach the client).
//   * correlation ids: the request's `x-correlation-id` when it looks sane, else a new UUID; set
//     for the handler's log lines and echoed in the response header.
//   * unknown paths -> bare 404 (ASP.NET does not envelope routing misses; the TS client maps it
//     to error.transport.request.notFound); wrong method -> bare 405 with `Allow`.
//
// Metrics: every answer is counted and timed by route pattern (metrics/http_request_metrics.h,
// prefix nmshd_backbone); GET /metrics serves them anonymously in the Prometheus text format,
// together with nmshd_backbone_database_size_bytes and the process metrics. Anonymous like /health:
// the Backbone has no operator credentials to ask for, it listens on loopback by default, and the
// figures are aggregate (route patterns, never paths, identities or tokens).
//
// Thread-safety: register every route before the server starts; Handle() is then called from the
// server's worker threads concurrently (the router is read-only by then).
#include <memory>
#include <string>

#include "api/api_routes.h"
#include "auth/access_tokens.h"
#include "backbone_context.h"
#include "http/router.h"
#include "logging/log_system.h"
#include "metrics/http_request_metrics.h"
#include "metrics/registry.h"

namespace nmshd::backbone {

class BackboneApi final : public ApiRoutes {
 public:
  BackboneApi(const BackboneContext& context, auth::AccessTokens& tokens);

  void Authenticated(std::string method, std::string pattern, AuthenticatedHandler h) override;
  void Anonymous(std::string method, std::string pattern, AnonymousHandler h) override;
  void OptionalAuth(std::string method, std::string pattern, OptionalAuthHandler h) override;

  // The whole request pipeline; never throws.
  http::Response Handle(http::Request& request) const;
  // For http::Server's protocol-level failures (413, 400, 431, 500).
  http::Response RenderProtocolError(int status, const std::string& detail) const;

  // What GET /metrics serves; more collectors may be added before the server starts.
  metrics::Registry& metrics() { return *metrics_; }

 private:
  // Bearer token of the request, or empty.
  static std::string BearerToken(const http::Request& request);
  std::optional<Caller> Authenticate(const http::Request& request) const;
  // `route` receives the matched pattern, or metrics::kUnmatchedRoute.
  http::Response Dispatch(http::Request& request, std::string& route) const;

  const BackboneContext& context_;
  auth::AccessTokens& tokens_;
  http::Router router_;
  mutable logging::Logger log_;
  // Behind pointers: recording is thread-safe but not const, and Handle() is const.
  std::unique_ptr<metrics::Registry> metrics_ = std::make_unique<metrics::Registry>();
  std::unique_ptr<metrics::HttpRequestMetrics> http_metrics_;
};

}  // namespace nmshd::backbone
