#pragma once
// Shared helpers of the connector HTTP pipeline tests.
#include <boost/json.hpp>
#include <functional>
#include <string>

#include "base/coded_error.h"
#include "http/request.h"

namespace nmshd::connector::testing {

// Both meet the official key policy (>= 30 chars, 2 upper, 2 lower, 2 digits, 1 special).
inline const std::string kKey = "This_is_a_test_APIKEY_with_30_chars+";
inline const std::string kOtherKey = "Another-Strong-Key_for_scoped_tests_42";

// The message of the CodedError `f` throws, or "no error".
inline std::string MessageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const CodedError& e) {
    return e.what();
  }
  return "no error";
}

inline http::Request MakeRequest(std::string method, std::string path, std::string body = "",
                                 std::string content_type = "") {
  http::Request r;
  r.method = std::move(method);
  r.target = path;
  r.path = path.substr(0, path.find('?'));
  r.body = std::move(body);
  if (!content_type.empty()) r.headers["Content-Type"] = content_type;
  return r;
}

}  // namespace nmshd::connector::testing
