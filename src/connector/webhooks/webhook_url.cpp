#include "connector/webhooks/webhook_url.h"

#include <cctype>
#include <string>

#include "base/split.h"

namespace nmshd::connector {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// WHATWG "forbidden domain code point" (after percent-decoding the host).
bool IsForbiddenDomainChar(unsigned char c) {
  if (c <= 0x1f || c == 0x7f) return true;
  switch (c) {
    case ' ': case '#': case '%': case '/': case ':': case '<': case '>': case '?': case '@':
    case '[': case '\\': case ']': case '^': case '|':
      return true;
    default:
      return false;
  }
}

int HexValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

// WHATWG treats a host whose last label is numeric as IPv4 and rejects it when out of range
// ("http://1.2.3.999"). Decimal parts only; hex/octal forms are rare in configuration.
bool IsValidIpv4(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  auto parts = SplitKeepEmpty(host, '.');
  if (parts.size() > 4) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!AllDigits(parts[i]) || parts[i].size() > 10) return false;
    unsigned long long v = std::stoull(std::string(parts[i]));
    const bool last = i + 1 == parts.size();
    unsigned long long limit = last ? (1ULL << (8 * (5 - parts.size()))) : 256;
    if (v >= limit) return false;
  }
  return true;
}

bool IsValidIpv6(std::string_view inner) {
  if (inner.empty()) return false;
  for (char c : inner) {
    if (!(HexValue(c) >= 0 || c == ':' || c == '.')) return false;
  }
  return inner.find(':') != std::string_view::npos;
}

bool IsValidPort(std::string_view port) {
  if (port.empty()) return true;  // "http://host:/" is valid WHATWG
  if (!AllDigits(port)) return false;
  std::size_t i = 0;
  while (i + 1 < port.size() && port[i] == '0') ++i;  // leading zeros allowed
  return port.size() - i <= 5 && std::stoul(std::string(port.substr(i))) <= 65535;
}

bool IsValidHost(std::string_view hostPort) {
  std::string_view host = hostPort;
  std::string_view port;
  if (!hostPort.empty() && hostPort.front() == '[') {
    auto close = hostPort.find(']');
    if (close == std::string_view::npos) return false;
    if (!IsValidIpv6(hostPort.substr(1, close - 1))) return false;
    auto rest = hostPort.substr(close + 1);
    if (rest.empty()) return true;
    if (rest.front() != ':') return false;
    return IsValidPort(rest.substr(1));
  }
  if (auto colon = hostPort.find(':'); colon != std::string_view::npos) {
    host = hostPort.substr(0, colon);
    port = hostPort.substr(colon + 1);
  }
  if (!IsValidPort(port)) return false;
  std::string decoded = PercentDecode(host);
  if (decoded.empty()) return false;
  for (unsigned char c : decoded) {
    if (IsForbiddenDomainChar(c)) return false;
  }
  std::string_view labels = decoded;
  if (labels.back() == '.') labels.remove_suffix(1);
  auto lastDot = labels.rfind('.');
  auto lastLabel = lastDot == std::string_view::npos ? labels : labels.substr(lastDot + 1);
  if (AllDigits(lastLabel)) return IsValidIpv4(decoded);
  return true;
}

}  // namespace

bool IsValidHttpUrl(std::string_view url) {
  // WHATWG strips leading/trailing C0 controls and spaces, and removes tabs and newlines anywhere.
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) url.remove_prefix(1);
  while (!url.empty() && static_cast<unsigned char>(url.back()) <= 0x20) url.remove_suffix(1);
  std::string input;
  for (char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') input.push_back(c);
  }

  auto colon = input.find(':');
  if (colon == std::string::npos || colon == 0 || !IsAsciiAlpha(input[0])) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = input[i];
    if (!(IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '+' || c == '-' || c == '.')) return false;
  }
  auto scheme = Lower(std::string_view(input).substr(0, colon));
  if (scheme != "http" && scheme != "https") return false;

  // Special schemes: any run of slashes or backslashes introduces the authority ("http:host" too).
  std::size_t pos = colon + 1;
  while (pos < input.size() && (input[pos] == '/' || input[pos] == '\\')) ++pos;
  auto end = input.find_first_of("/\\?#", pos);
  std::string_view authority = std::string_view(input).substr(pos, end == std::string::npos ? end : end - pos);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  return IsValidHost(authority);
}

std::string FillTrigger(std::string_view urlTemplate, std::string_view trigger) {
  std::string out(urlTemplate);
  if (auto pos = out.find(kTriggerPlaceholder); pos != std::string::npos) {
    out.replace(pos, kTriggerPlaceholder.size(), trigger);
  }
  return out;
}

}  // namespace nmshd::connector
