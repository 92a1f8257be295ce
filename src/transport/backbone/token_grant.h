#pragma once
// The OAuth2 password grant of the Backbone (AuthClient.authenticate): the form body of
// POST /connect/token and the reading of its answer.
#include <chrono>
#include <string>

#include "transport/backbone/backbone_client_options.h"
#include "transport/backbone/http_transfer.h"

namespace nmshd::transport {

inline constexpr std::string_view kTokenPath = "/connect/token";

struct AccessTokenGrant {
  std::string token;
  std::chrono::seconds expires_in{0};
};

// client_id, client_secret, grant_type=password, username, password, form-urlencoded.
std::string TokenRequestBody(const BackboneClientOptions& options, const DeviceCredentials& credentials);

// 200 with {"access_token","expires_in"} (expires_in a number or a numeric string, as parseInt
// takes it). A status axios rejects (e.g. 401) → error.transport.request.noAuthPossible; any other
// answer → error.transport.request.noAuthGrant. Throws BackboneError.
AccessTokenGrant ReadTokenGrant(const HttpResponse& response);

}  // namespace nmshd::transport
