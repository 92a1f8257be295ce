#pragma once
// Case-insensitive comparison of protocol text: header names, route segments, multipart parameters.
// Only A-Z and a-z are folded, whatever the process locale is (HTTP and ASP.NET routing compare
// ASCII only); other bytes, UTF-8 included, must be equal.
#include <algorithm>
#include <string>
#include <string_view>

namespace nmshd {

constexpr char FoldAsciiCase(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string FoldAsciiCase(std::string_view text) {
  std::string folded(text);
  std::transform(folded.begin(), folded.end(), folded.begin(), [](char c) { return FoldAsciiCase(c); });
  return folded;
}

constexpr bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return FoldAsciiCase(x) == FoldAsciiCase(y); });
}

}  // namespace nmshd
