#include "api/error_responses.h"

#include "core/error_envelope.h"

namespace nmshd::backbone {

bool IsInternalErrorCode(std::string_view code) {
  return code == kUnexpectedErrorCode || code.starts_with("error.storage.");
}

int StatusForErrorCode(std::string_view code) {
  if (code == "error.platform.recordNotFound") return 404;
  if (code == "error.platform.forbidden") return 403;
  if (code == "error.platform.quotaExhausted") return 429;
  if (IsInternalErrorCode(code)) return 500;
  return 400;
}

http::Response ErrorResponse(int status, std::string code, std::string message,
                             boost::json::value data) {
  auto error = core::BackboneHttpError::Create(std::move(code), std::move(message), std::move(data));
  return http::Response::Json(status, error.ToEnvelope());
}

http::Response UnauthorizedResponse(std::string_view description) {
  auto response = ErrorResponse(
      401, std::string(kUnauthorizedCode),
      "You have to authenticate in order to execute this action. Further make sure that the auth "
      "token has not expired.");
  response.SetHeader("WWW-Authenticate",
                     "Bearer error=\"invalid_token\", error_description=\"" + std::string(description) + "\"");
  return response;
}

http::Response UnexpectedErrorResponse() {
  return ErrorResponse(500, std::string(kUnexpectedErrorCode), "An unexpected error occurred.");
}

}  // namespace nmshd::backbone
