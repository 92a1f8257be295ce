#pragma once
// Shape checks without std::regex (libstdc++ 12's regex trips -Wmaybe-uninitialized under -O1
// sanitizer builds): 'd' = decimal digit, 'h' = lowercase hex digit, anything else literal.
#include <cctype>
#include <string_view>

namespace nmshd::logging::testing {

inline bool MatchesMask(std::string_view text, std::string_view mask) {
  if (text.size() != mask.size()) return false;
  for (std::size_t i = 0; i < mask.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (mask[i] == 'd') {
      if (std::isdigit(c) == 0) return false;
    } else if (mask[i] == 'h') {
      if (std::isdigit(c) == 0 && (c < 'a' || c > 'f')) return false;
    } else if (text[i] != mask[i]) {
      return false;
    }
  }
  return true;
}

inline constexpr std::string_view kLocalTimestampMask = "dddd-dd-ddTdd:dd:dd.ddd";
inline constexpr std::string_view kUtcTimestampMask = "dddd-dd-ddTdd:dd:dd.dddZ";

}  // namespace nmshd::logging::testing
