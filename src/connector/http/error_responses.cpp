#include "connector/http/error_responses.h"

#include "base/coded_error.h"
#include "connector/http/api_error.h"
#include "connector/http/error_codes.h"
#include "core/error_envelope.h"

namespace nmshd::connector {
namespace {

// JavaScript errors carry a stack; ours do not. Debug-mode envelopes still show where the error
// came from in the same field.
std::vector<std::string> StackLine(std::string_view kind, std::string_view message) {
  return {std::string(kind) + ": " + std::string(message)};
}

int SanitiseStatus(int status) { return status >= 100 && status <= 599 ? status : 500; }

}  // namespace

bool IsInternalErrorCode(std::string_view code) {
  return code == errors::kUnexpected || code.starts_with("error.storage.") ||
         code.starts_with("error.config.") || code.starts_with("error.logging.") ||
         code.starts_with("error.http.");
}

int StatusForErrorCode(std::string_view code) {
  if (code == "error.runtime.recordNotFound" || code == "error.transport.recordNotFound") return 404;
  if (code.starts_with("error.platform.") || IsInternalErrorCode(code)) return 500;
  return 400;
}

http::Response ErrorResponse(int status, std::string_view code, std::string_view message, bool verbose,
                             std::optional<std::vector<std::string>> stacktrace,
                             std::optional<std::string> details) {
  auto error = core::ConnectorHttpError::Create(std::string(code), std::string(message),
                                                std::move(stacktrace), std::move(details));
  return http::Response::Json(status, error.ToEnvelope(verbose));
}

http::Response ResponseForHandlerError(const std::exception& error, const std::string& method,
                                       const std::string& path, bool verbose, logging::Logger& log) {
  const auto* coded = dynamic_cast<const CodedError*>(&error);
  if (coded != nullptr && !IsInternalErrorCode(coded->code())) {
    const auto* api = dynamic_cast<const ApiError*>(&error);
    int status = api != nullptr ? SanitiseStatus(api->status()) : StatusForErrorCode(coded->code());
    log.Debug("{} {} answered {} {}", method, path, status, coded->code());
    return ErrorResponse(status, coded->code(), coded->what(), verbose,
                         StackLine(api != nullptr ? "ApiError" : "ApplicationError", coded->what()));
  }
  auto envelope = core::ConnectorHttpError::Create(
      std::string(errors::kUnexpected), std::string(errors::kUnexpectedMessage),
      StackLine(coded != nullptr ? coded->code() : "Error", error.what()), error.what());
  log.Error("{} {} failed with {}: {}{}", method, path, envelope.id, error.what(),
            coded != nullptr ? " (" + coded->code() + ")" : std::string());
  return http::Response::Json(500, envelope.ToEnvelope(verbose));
}

}  // namespace nmshd::connector
