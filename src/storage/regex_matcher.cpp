#include "storage/regex_matcher.h"

#include <boost/regex.hpp>

#include "base/coded_error.h"

namespace nmshd::storage {

struct RegexMatcher::Impl {
  boost::regex regex;
};

RegexMatcher::RegexMatcher(std::string_view pattern, bool case_insensitive) : impl_(std::make_unique<Impl>()) {
  boost::regex::flag_type flags = boost::regex::perl;
  if (case_insensitive) flags = flags | boost::regex::icase;
  try {
    impl_->regex.assign(pattern.begin(), pattern.end(), flags);
  } catch (const boost::regex_error& e) {
    throw CodedError("error.storage.invalidRegex",
                     "invalid regular expression '" + std::string(pattern) + "': " + e.what());
  }
}

RegexMatcher::~RegexMatcher() = default;
RegexMatcher::RegexMatcher(RegexMatcher&&) noexcept = default;
RegexMatcher& RegexMatcher::operator=(RegexMatcher&&) noexcept = default;

bool RegexMatcher::Search(std::string_view text) const {
  try {
    return boost::regex_search(text.begin(), text.end(), impl_->regex);
  } catch (const std::runtime_error& e) {
    // Boost signals exhausted backtracking/complexity limits with std::runtime_error.
    throw CodedError("error.storage.regexTooComplex", std::string("regular expression too complex: ") + e.what());
  }
}

}  // namespace nmshd::storage
