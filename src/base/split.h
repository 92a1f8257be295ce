#pragma once
#include <string_view>
#include <vector>

namespace nmshd {

// Every field between separators, empty ones included ("a||b" -> {"a","","b"}), as JavaScript's
// String.prototype.split does: the official reference formats are parsed that way.
inline std::vector<std::string_view> SplitKeepEmpty(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

}  // namespace nmshd
