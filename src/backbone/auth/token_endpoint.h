#pragma once
// POST /connect/token (backbone-protocol §0.6): OAuth2 password grant, form-urlencoded
//   client_id, client_secret, grant_type=password, username, password
// -> 200 {"access_token", "token_type":"Bearer", "expires_in": authentication.jwtLifetimeInSeconds}
//    with Cache-Control: no-store. Failures in OpenIddict's shape (status, {"error",
//    "error_description"}):
//   400 invalid_request           not form-urlencoded, a parameter missing
//   400 unsupported_grant_type    grant_type other than password
//   401 invalid_client            unknown client or wrong secret
//   400 invalid_grant             unknown user, wrong password, identity deleted
//   400 access_denied             locked out
// @nmshd/transport maps any non-200 to error.transport.request.noAuthGrant.
#include "api/api_routes.h"
#include "auth/access_tokens.h"
#include "backbone_context.h"

namespace nmshd::backbone::auth {

void RegisterTokenEndpoint(ApiRoutes& routes, const BackboneContext& ctx, AccessTokens& tokens);

}  // namespace nmshd::backbone::auth
