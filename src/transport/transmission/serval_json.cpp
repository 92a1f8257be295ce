#include "transport/transmission/serval_json.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "base/js_json.h"

namespace nmshd::transport {
namespace {

// Appends the UTF-16 code units of the UTF-8 text `s` (keys come from boost::json, already valid).
std::u16string ToUtf16Units(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<std::uint8_t>(s[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) {
      cp = c & 0x07u;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0Fu;
      len = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1Fu;
      len = 2;
    }
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<std::uint8_t>(s[i + k]) & 0x3Fu);
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

}  // namespace

boost::json::object ServalSorted(const boost::json::object& object) {
  std::vector<std::pair<std::u16string, const boost::json::key_value_pair*>> keys;
  keys.reserve(object.size());
  for (const auto& kv : object) keys.emplace_back(ToUtf16Units(kv.key()), &kv);
  std::sort(keys.begin(), keys.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  boost::json::object sorted;
  sorted.reserve(object.size());
  for (const auto& [units, kv] : keys) sorted.emplace(kv->key(), kv->value());
  return sorted;
}

std::string SerializeServal(const boost::json::object& object) {
  return json::Stringify(ServalSorted(object));
}

boost::json::object ParseServalObject(std::string_view text, const char* code,
                                      std::string_view what) {
  return ReportAs(code, what, [&] { return json::AsObject(json::Parse(text, what), what); });
}

}  // namespace nmshd::transport
