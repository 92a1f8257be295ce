#pragma once
// The one error type every layer throws for bad input or a failed operation. `code` is the official
// dotted error code (e.g. "error.platform.validation.invalidBase64") so the HTTP layers can put it into
// the official error envelope unchanged; `message` names what was wrong for a human.
#include <stdexcept>
#include <string>

namespace nmshd {

class CodedError : public std::runtime_error {
 public:
  CodedError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}

  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

}  // namespace nmshd
