#pragma once
// The error codes and messages the Connector's HTTP layer answers with itself (packages/types
// HttpErrors.ts), plus our own for the request body limit.
#include <string_view>

namespace nmshd::connector::errors {

inline constexpr std::string_view kUnauthorized = "error.connector.unauthorized";
inline constexpr std::string_view kUnauthorizedMessage = "Unauthorized.";
inline constexpr std::string_view kForbidden = "error.connector.forbidden";
inline constexpr std::string_view kForbiddenMessage = "You are not allowed to access this endpoint.";
inline constexpr std::string_view kInvalidJson = "error.connector.validation.invalidJsonInPayload";
inline constexpr std::string_view kInvalidJsonMessage = "The given payload is not a valid json object.";
inline constexpr std::string_view kRouteDoesNotExist = "error.connector.http.routeDoesNotExist";
inline constexpr std::string_view kRouteDoesNotExistMessage = "The requested route does not exist.";
inline constexpr std::string_view kMethodNotAllowed = "error.connector.http.methodNotAllowed";
inline constexpr std::string_view kMethodNotAllowedMessage =
    "The request method is not supported for the requested resource.";
inline constexpr std::string_view kNotAcceptable = "error.connector.http.notAcceptable";
inline constexpr std::string_view kNotAcceptableMessage =
    "The requested resource is capable of generating only content not acceptable according to the "
    "Accept headers sent in the request.";
inline constexpr std::string_view kUnexpected = "error.connector.unexpected";
inline constexpr std::string_view kUnexpectedMessage = "An unexpected error occurred.";

// Ours: the official Connector answers an over-size JSON body with 500 error.connector.unexpected
// (body-parser's PayloadTooLargeError is not special-cased); we answer 413 with this code.
inline constexpr std::string_view kPayloadTooLarge = "error.connector.http.payloadTooLarge";
// Ours: requests the HTTP server cannot parse (bad request line, bad target, headers too large).
inline constexpr std::string_view kBadRequest = "error.connector.http.badRequest";

}  // namespace nmshd::connector::errors
