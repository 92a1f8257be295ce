#include "transport/backbone/backbone_error.h"

#include <utility>

namespace nmshd::transport {
namespace {

std::string Describe(const std::string& code, const std::string& reason, const std::string& method,
                     const std::string& path, int status) {
  std::string message = code;
  if (status != 0) message += " (" + std::to_string(status) + ")";
  if (!reason.empty()) message += ": '" + reason + "'";
  message += " for " + method + " " + path;
  return message;
}

}  // namespace

BackboneError::BackboneError(std::string code, std::string reason, std::string method, std::string path,
                             int status, std::string backbone_error_id, boost::json::value details)
    : CodedError(code, Describe(code, reason, method, path, status)),
      reason_(std::move(reason)),
      method_(std::move(method)),
      path_(std::move(path)),
      status_(status),
      backbone_error_id_(std::move(backbone_error_id)),
      details_(std::move(details)) {}

}  // namespace nmshd::transport
