#pragma once
// CORS as the `cors` package (2.8) applies `infrastructure.httpServer.cors` (connector-surface §3.3).
//
// Options: origin (false/absent-in-default = CORS off: no headers at all; true = reflect the
// request's Origin; "*" = any; another string = that fixed origin; an array of strings = reflect
// the Origin when it is listed), methods, allowedHeaders (alias headers; absent = reflect
// Access-Control-Request-Headers), exposedHeaders, credentials, maxAge, preflightContinue,
// optionsSuccessStatus. Strings or arrays of strings where the package takes both. Options the
// package would fill in are its defaults (origin "*", methods "GET,HEAD,PUT,PATCH,POST,DELETE",
// optionsSuccessStatus 204), so a `cors: {}` allows any origin. Regular expressions cannot be
// written in JSON configuration, so origins are compared as strings.
//
// CORS runs before authentication: a preflight (OPTIONS) is answered right away with
// optionsSuccessStatus unless preflightContinue is set.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace nmshd::connector {

class CorsPolicy {
 public:
  // nullopt when CORS is off (no `cors` section, or an origin that is false/empty).
  // Throws CodedError "error.config.invalid" for malformed options.
  static std::optional<CorsPolicy> FromConfig(const boost::json::value* cors);

  // Whether the request is a preflight that CORS answers itself (Answer() is the response).
  bool AnswersPreflight(const http::Request& request) const;
  http::Response Answer(const http::Request& request) const;
  // Adds the CORS headers to a response of the pipeline: those of a preflight for an OPTIONS
  // request that continues (preflightContinue), else those of an actual response.
  void Apply(const http::Request& request, http::Response& response) const;

 private:
  void ApplyOrigin(const http::Request& request, http::Response& response) const;
  void ApplyPreflight(const http::Request& request, http::Response& response) const;

  enum class OriginMode { kAny, kFixed, kReflectAll, kList };
  OriginMode origin_mode_ = OriginMode::kAny;
  std::string fixed_origin_;
  std::vector<std::string> allowed_origins_;
  std::string methods_ = "GET,HEAD,PUT,PATCH,POST,DELETE";
  std::optional<std::string> allowed_headers_;
  std::string exposed_headers_;
  bool credentials_ = false;
  std::string max_age_;
  bool preflight_continue_ = false;
  int options_success_status_ = 204;
};

// Adds `field` to the response's Vary header unless it is already listed (the `vary` package).
void AppendVary(http::Response& response, std::string_view field);

}  // namespace nmshd::connector
