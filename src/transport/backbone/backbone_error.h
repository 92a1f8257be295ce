#pragma once
// The failure of a Backbone call, as @nmshd/transport's RequestError: the Backbone's own error code
// when it answered with an error envelope the official client reads (HTTP 400, 404, 500), otherwise
// the code the official client derives from the status or the network failure
// (error.platform.unauthorized / forbidden / unexpected, error.transport.request.notFound /
// badRequest / resultUndefined / aborted / addressNotFound / unknown / bodyLengthExceeded /
// noAuthPossible / noAuthGrant).
#include <boost/json.hpp>
#include <string>

#include "base/coded_error.h"

namespace nmshd::transport {

class BackboneError : public CodedError {
 public:
  // what() reads like RequestError.message: "<code> (<status>): '<reason>' for <METHOD> <path>".
  BackboneError(std::string code, std::string reason, std::string method, std::string path, int status,
                std::string backbone_error_id = "", boost::json::value details = nullptr);

  // HTTP status of the answer; 0 when there was none (network failure, timeout).
  int status() const noexcept { return status_; }
  const std::string& reason() const noexcept { return reason_; }
  const std::string& method() const noexcept { return method_; }
  const std::string& path() const noexcept { return path_; }
  // The envelope's `id` ("ERR…"), "" when the answer had none.
  const std::string& backbone_error_id() const noexcept { return backbone_error_id_; }
  // The envelope's `details`/`data` when present (e.g. quota exhaustion), else null.
  const boost::json::value& details() const noexcept { return details_; }

 private:
  std::string reason_;
  std::string method_;
  std::string path_;
  int status_;
  std::string backbone_error_id_;
  boost::json::value details_;
};

}  // namespace nmshd::transport
