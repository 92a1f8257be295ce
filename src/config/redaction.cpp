#include "config/redaction.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace nmshd::config {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsHeaderMapKey(std::string_view key) {
  std::string k = Lower(key);
  return k == "headers" || k == "platformadditionalheaders";
}

// `password=...` (query string, conninfo) up to the next '&', ';' or whitespace.
std::string RedactPasswordParameters(std::string text) {
  std::string lower = Lower(text);
  std::size_t pos = 0;
  while ((pos = lower.find("password=", pos)) != std::string::npos) {
    bool atBoundary = pos == 0 || std::string_view("?&; \t").find(lower[pos - 1]) != std::string_view::npos;
    std::size_t start = pos + 9;
    if (!atBoundary) {
      pos = start;
      continue;
    }
    std::size_t end = start;
    if (end < text.size() && text[end] == '\'') {  // conninfo quoting: password='a b'
      end = text.find('\'', end + 1);
      end = end == std::string::npos ? text.size() : end + 1;
    } else {
      while (end < text.size() && std::string_view("&; \t").find(text[end]) == std::string_view::npos) ++end;
    }
    text.replace(start, end - start, kRedacted);
    lower.replace(start, end - start, kRedacted);
    pos = start + 3;
  }
  return text;
}

boost::json::value RedactValue(const boost::json::value& value, bool secretContext, bool headerMap);

boost::json::value RedactObject(const boost::json::object& object) {
  boost::json::object out;
  for (const auto& kv : object) {
    out[kv.key()] = RedactValue(kv.value(), IsSecretKeyName(kv.key()),
                                IsHeaderMapKey(kv.key()) && kv.value().is_object());
  }
  return out;
}

boost::json::value RedactValue(const boost::json::value& value, bool secretContext, bool headerMap) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      if (headerMap) {
        boost::json::object out;
        for (const auto& kv : value.get_object()) out[kv.key()] = kRedacted;
        return out;
      }
      return RedactObject(value.get_object());
    }
    case boost::json::kind::array: {
      boost::json::array out;
      for (const auto& e : value.get_array()) out.push_back(RedactValue(e, secretContext, false));
      return out;
    }
    case boost::json::kind::string:
      if (secretContext) return boost::json::string(kRedacted);
      return boost::json::string(RedactConnectionString(value.get_string()));
    default:
      // Numbers and booleans under a secret-named key are replaced too: an all-digit secret given
      // through the environment arrives as a number.
      if (secretContext && !value.is_null() && !value.is_bool()) return boost::json::string(kRedacted);
      return value;
  }
}

}  // namespace

bool IsSecretKeyName(std::string_view key) {
  std::string k = Lower(key);
  static constexpr std::array<std::string_view, 7> kContains = {
      "secret", "password", "passwd", "apikey", "privatekey", "credential", "token"};
  static constexpr std::array<std::string_view, 5> kExact = {"key", "pass", "pwd", "authorization",
                                                              "cookie"};
  for (auto c : kContains) {
    if (k.find(c) != std::string::npos) return true;
  }
  return std::find(kExact.begin(), kExact.end(), k) != kExact.end();
}

std::string RedactConnectionString(std::string_view text) {
  std::string out(text);
  auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    std::size_t authorityStart = scheme + 3;
    // The userinfo ends at the last '@' before the path; passwords should be percent-encoded but
    // a raw '@' in them is common enough to prefer the last one.
    std::size_t pathStart = out.find_first_of("/?#", authorityStart);
    std::size_t limit = pathStart == std::string::npos ? out.size() : pathStart;
    std::size_t at = out.rfind('@', limit == 0 ? 0 : limit - 1);
    if (at != std::string::npos && at >= authorityStart) {
      std::size_t colon = out.find(':', authorityStart);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, kRedacted);
      }
    }
  }
  return RedactPasswordParameters(std::move(out));
}

boost::json::value RedactConfig(const boost::json::value& config) {
  return RedactValue(config, false, false);
}

}  // namespace nmshd::config
