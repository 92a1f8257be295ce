#pragma once
// Regular expressions for the Regex query operator, on Boost.Regex (Perl syntax, the dialect of
// MongoDB's $regex and close to JavaScript's). Boost.Regex is used instead of std::regex because its
// matcher is not recursive and reports pathological patterns as an error instead of overflowing the
// stack, so a hostile filter cannot crash the process.
// Matching is byte-oriented on UTF-8: case-insensitivity folds ASCII letters only.
#include <memory>
#include <string>
#include <string_view>

namespace nmshd::storage {

class RegexMatcher {
 public:
  // Throws CodedError "error.storage.invalidRegex" with the engine's reason.
  RegexMatcher(std::string_view pattern, bool case_insensitive);
  ~RegexMatcher();
  RegexMatcher(RegexMatcher&&) noexcept;
  RegexMatcher& operator=(RegexMatcher&&) noexcept;

  // Unanchored search. Throws CodedError "error.storage.regexTooComplex" when the engine gives up.
  bool Search(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nmshd::storage
