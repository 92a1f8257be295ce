#pragma once
// Error answers in the official Connector envelope (core::ConnectorHttpError):
// {"error":{"code","message","id","time","docs"}}, plus "stacktrace"/"details" in debug mode.
//
// Status of an error thrown by a handler (genericErrorHandler.ts, checked in this order):
//   ApiError                                        -> its own status (sanitised to 100..599)
//   error.runtime.recordNotFound / error.transport.recordNotFound -> 404
//   error.platform.*                                -> 500 with the code
//   an internal fault of ours (error.storage.*, error.config.*, error.logging.*, error.http.*,
//   error.connector.unexpected)                     -> 500 error.connector.unexpected, logged; its
//                                                      message never reaches the client
//   any other CodedError                            -> 400 with the code and message
//   anything else                                   -> 500 error.connector.unexpected, logged
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/response.h"
#include "logging/log_system.h"

namespace nmshd::connector {

int StatusForErrorCode(std::string_view code);
bool IsInternalErrorCode(std::string_view code);

http::Response ErrorResponse(int status, std::string_view code, std::string_view message, bool verbose,
                             std::optional<std::vector<std::string>> stacktrace = std::nullopt,
                             std::optional<std::string> details = std::nullopt);

// The answer for an exception that escaped a handler. Unexpected errors are logged on `log` (under
// the current correlation id) with the error id of the envelope; request bodies are never logged.
http::Response ResponseForHandlerError(const std::exception& error, const std::string& method,
                                       const std::string& path, bool verbose, logging::Logger& log);

}  // namespace nmshd::connector
