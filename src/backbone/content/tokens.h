#pragma once
// Tokens (backbone-protocol §1.6; official Modules/Tokens Token.cs, TokensController.cs).
//
// Create: authenticated (content ≤ maxContentBytes) or anonymous (content must be null and
// expiresAt < now + 5 min, used for device onboarding); expiresAt in the future; password 1..200 B.
// Access (Token.TryToAccess), in this order: the owner → ok (an anonymous caller "owns" an
// anonymous token); an allocation of the caller → ok; expired → 404; locked → 400
// error.platform.token.tooManyFailedPasswordAttempts; forIdentity mismatch → 404; wrong password →
// 404 and accessFailedCount+1 (kept although the request fails); the 100th failure locks the token,
// answers 400 and emits TokenLocked to the owner; anonymous + correct → ok without allocation;
// authenticated → allocation added.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_routes.h"
#include "api/caller.h"
#include "backbone_context.h"

namespace nmshd::backbone::content {

inline constexpr int kMaxFailedTokenAccessAttempts = 100;

// POST; `caller` is null for anonymous requests. Returns {id, createdAt}.
boost::json::object CreateToken(const BackboneContext& ctx, const Caller* caller,
                                const boost::json::object& body);
// GET {id}[?password=]; `caller` is null for anonymous requests.
boost::json::object GetToken(const BackboneContext& ctx, const Caller* caller, std::string_view id,
                             const std::optional<std::string>& password);
// GET ?ids=… (or tokens.N.id): tokens the caller created or allocated, paged.
http::Response ListTokens(const BackboneContext& ctx, const Caller& caller,
                          const http::Request& request);
// DELETE {id}: owner only.
void DeleteToken(const BackboneContext& ctx, const Caller& caller, std::string_view id);
// POST {id}/UpdateContent {newContent, password?}: fills a token without content.
boost::json::object UpdateTokenContent(const BackboneContext& ctx, const Caller& caller,
                                       std::string_view id, const boost::json::object& body);

// {id, createdBy, createdByDevice, forIdentity, createdAt, expiresAt, content, isPasswordProtected}
boost::json::object TokenDto(const boost::json::object& doc);

void RegisterTokenRoutes(ApiRoutes& routes, BackboneContext& ctx);

}  // namespace nmshd::backbone::content
