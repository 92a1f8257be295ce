#pragma once
// Who may call the API (connector-surface §3.1): the `infrastructure.httpServer.authentication`
// section {apiKey, oidc, jwtBearer} decides, once at startup, how requests authenticate.
//
//   * apiKey enabled: a request must carry a usable key in the configured header
//     (ApiKeyAuthenticator); otherwise it is unauthenticated.
//   * no method enabled: in debug mode every request is let in with roles ["**"]; in production
//     startup fails with the official message "No API key and OAuth config set in configuration.
//     At least one is required in production mode."
//   * jwtBearer / oidc enabled (their `enabled` flag, or without one any option): not supported by
//     this Connector — startup fails with an error naming the key, rather than silently running
//     without the method the operator asked for.
// Startup errors are CodedError "error.config.invalid".
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/iso_date.h"
#include "connector/http/api_key_authenticator.h"
#include "http/request.h"

namespace nmshd::connector {

class Authentication {
 public:
  Authentication(const boost::json::object& authentication_section, bool debug, TimePoint now);

  // The caller's roles, or nullopt when the request is not authenticated (answer 401).
  std::optional<std::vector<std::string>> Authenticate(const http::Request& request, TimePoint now) const;

  bool open() const { return !api_key_.has_value(); }

 private:
  std::optional<ApiKeyAuthenticator> api_key_;
};

}  // namespace nmshd::connector
