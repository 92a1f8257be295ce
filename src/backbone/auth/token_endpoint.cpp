#include "auth/token_endpoint.h"

#include <strings.h>

#include <boost/url/parse_query.hpp>
#include <map>

#include "auth/login.h"

namespace nmshd::backbone::auth {

namespace json = boost::json;

namespace {

http::Response OAuthError(int status, std::string_view error, std::string_view description) {
  auto r = http::Response::Json(status, json::object{{"error", error}, {"error_description", description}});
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("Pragma", "no-cache");
  return r;
}

bool IsFormUrlEncoded(const http::Request& request) {
  auto type = request.Header("Content-Type");
  if (!type) return false;
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  return type->size() >= kForm.size() && strncasecmp(type->c_str(), kForm.data(), kForm.size()) == 0;
}

http::Response Token(const BackboneContext& ctx, AccessTokens& tokens, const http::Request& request) {
  if (!IsFormUrlEncoded(request)) {
    return OAuthError(400, "invalid_request", "The specified 'Content-Type' header is invalid.");
  }
  auto parsed = boost::urls::parse_query(request.body);
  if (!parsed) return OAuthError(400, "invalid_request", "The request body is not valid form data.");
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  std::map<std::string, std::string> form;
  for (auto param : *parsed) {
    auto key = param.key.decode(opts);
    if (!form.contains(key)) form[key] = param.has_value ? param.value.decode(opts) : std::string();
  }
  auto get = [&](const char* name) -> std::string {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  const auto grant_type = get("grant_type");
  if (grant_type.empty()) return OAuthError(400, "invalid_request", "The mandatory 'grant_type' parameter is missing.");
  if (grant_type != "password") {
    return OAuthError(400, "unsupported_grant_type", "The specified 'grant_type' parameter is not supported.");
  }
  if (get("client_id").empty()) return OAuthError(400, "invalid_request", "The mandatory 'client_id' parameter is missing.");
  if (get("username").empty() || get("password").empty()) {
    return OAuthError(400, "invalid_request", "The mandatory 'username' and/or 'password' parameters are missing.");
  }
  auto result = LogIn(ctx, get("client_id"), get("client_secret"), get("username"), get("password"));
  switch (result.outcome) {
    case LoginOutcome::kInvalidClient:
      return OAuthError(401, "invalid_client", "The specified client credentials are invalid.");
    case LoginOutcome::kInvalidGrant:
      return OAuthError(400, "invalid_grant", "The username/password couple is invalid.");
    case LoginOutcome::kLockedOut:
      return OAuthError(400, "access_denied", "The user is temporarily locked out, please try again in a few minutes.");
    case LoginOutcome::kOk:
      break;
  }
  const auto lifetime = std::chrono::seconds(ctx.config.jwtLifetimeSeconds);
  auto token = tokens.Issue(result.caller, ctx.now(), lifetime);
  auto r = http::Response::Json(200, json::object{{"access_token", token},
                                                  {"token_type", "Bearer"},
                                                  {"expires_in", ctx.config.jwtLifetimeSeconds}});
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("Pragma", "no-cache");
  return r;
}

}  // namespace

void RegisterTokenEndpoint(ApiRoutes& routes, const BackboneContext& ctx, AccessTokens& tokens) {
  routes.Anonymous("POST", "/connect/token", [&ctx, &tokens](http::Request& r) { return Token(ctx, tokens, r); });
}

}  // namespace nmshd::backbone::auth
