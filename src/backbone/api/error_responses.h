#pragma once
// Error responses in the official Backbone envelope (core/error_envelope.h BackboneHttpError):
// {"error":{"id":"ERR…","code":…,"message":…,"docs":"","time":…,"data":null}}.
//
// Status mapping (backbone BuildingBlocks.API CustomExceptionFilter, see api_errors.h):
//   error.platform.recordNotFound -> 404, error.platform.forbidden -> 403,
//   error.platform.quotaExhausted -> 429, error.platform.unexpected -> 500,
//   error.storage.* (our own storage layer failing) -> 500 (an internal fault, never the client's),
//   every other code -> 400.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "http/response.h"

namespace nmshd::backbone {

inline constexpr std::string_view kUnexpectedErrorCode = "error.platform.unexpected";
inline constexpr std::string_view kUnauthorizedCode = "error.platform.unauthorized";

// The HTTP status the official server answers a module error with.
int StatusForErrorCode(std::string_view code);
// Whether the error is a fault of the server itself (logged, answered 500 without details).
bool IsInternalErrorCode(std::string_view code);

http::Response ErrorResponse(int status, std::string code, std::string message,
                             boost::json::value data = nullptr);
// 401 for a missing, unknown or expired Bearer token. The official server (OpenIddict validation)
// answers with an empty body and a WWW-Authenticate challenge; we add the Backbone envelope with
// error.platform.unauthorized so other clients see a reason. @nmshd/transport reads neither: any 401
// makes it log in again and retry once.
http::Response UnauthorizedResponse(std::string_view description);
// 500 error.platform.unexpected "An unexpected error occurred." (no details on the wire).
http::Response UnexpectedErrorResponse();

}  // namespace nmshd::backbone
