#pragma once
// Errors a controller handler throws to end a request with an error envelope.
//
// Any CodedError gets the status of the official mapping (error_responses.h: recordNotFound -> 404,
// error.platform.* -> 500, any other code -> 400). ApiError is the CodedError for the cases that
// need another status, e.g. a Backbone answer the use case passes through with its own status
// (the official genericErrorHandler's RequestError branch).
#include <string>

#include "base/coded_error.h"

namespace nmshd::connector {

class ApiError : public CodedError {
 public:
  ApiError(int status, std::string code, const std::string& message)
      : CodedError(std::move(code), message), status_(status) {}

  int status() const noexcept { return status_; }

 private:
  int status_;
};

}  // namespace nmshd::connector
