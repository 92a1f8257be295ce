#pragma once
// The runtime's request validation errors (JSON schema via ajv): code
// error.runtime.validation.invalidPropertyValue, message in ajv's words, status 400.
#include <boost/json.hpp>
#include <string>

#include "base/coded_error.h"

namespace nmshd::connector {

inline CodedError InvalidProperty(const std::string& message) {
  return CodedError("error.runtime.validation.invalidPropertyValue", message);
}

// body[name] as a non-empty string; throws InvalidProperty with ajv's message otherwise.
std::string RequireStringProperty(const boost::json::object& body, std::string_view name);

}  // namespace nmshd::connector
