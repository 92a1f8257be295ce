#pragma once
// The code of the CodedError a callable throws, or "no error": lets a test assert the precise code.
#include <functional>
#include <string>

#include "base/coded_error.h"

namespace nmshd::testing {

inline std::string CodeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const CodedError& e) {
    return e.code();
  }
  return "no error";
}

}  // namespace nmshd::testing
