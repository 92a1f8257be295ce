#pragma once
// Errors a module throws; api_routes maps them to the official status and envelope.
// The transport client reads error codes only with status 400, 404 and 500 (backbone-protocol §0.2),
// so business errors are 400 unless the official server answers 404 or 403.
//   error.platform.recordNotFound  -> 404
//   error.platform.forbidden       -> 403
//   error.platform.unauthorized when thrown by a module (e.g. a wrong client secret on POST
//     /Identities) -> 400, as the official server does; missing/invalid Bearer tokens are 401 and
//     are handled by api_routes itself.
//   error.platform.quotaExhausted  -> 429
//   anything else that is a CodedError -> 400; any other exception -> 500 error.platform.unexpected
#include <string>

#include "base/coded_error.h"

namespace nmshd::backbone {

inline CodedError NotFound(const std::string& what) {
  return CodedError("error.platform.recordNotFound", what + " not found.");
}
inline CodedError Forbidden(const std::string& message = "You are not allowed to perform this action.") {
  return CodedError("error.platform.forbidden", message);
}
inline CodedError Validation(std::string code, const std::string& message) {
  return CodedError(std::move(code), message);
}
inline CodedError InputCannotBeParsed(const std::string& message) {
  return CodedError("error.platform.inputCannotBeParsed", message);
}

}  // namespace nmshd::backbone
