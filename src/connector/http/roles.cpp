#include "connector/http/roles.h"

namespace nmshd::connector {
namespace {

bool IsSegmentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Matches pattern[p..] against text[t..]; `*` and `**` as described in the header. Roles are short,
// so plain backtracking is fine.
bool Match(std::string_view pattern, std::size_t p, std::string_view text, std::size_t t) {
  if (p == pattern.size()) return t == text.size();
  if (pattern[p] != '*') {
    return t < text.size() && pattern[p] == text[t] && Match(pattern, p + 1, text, t + 1);
  }
  if (p + 1 < pattern.size() && pattern[p + 1] == '*') {
    // `**`: segment(:segment)* — a run of segment characters and single colons that neither starts
    // nor ends with a colon.
    std::size_t rest = p + 2;
    for (std::size_t end = t; end < text.size(); ++end) {
      char c = text[end];
      if (c == ':') {
        if (end == t || text[end - 1] == ':') return false;
        continue;
      }
      if (!IsSegmentChar(c)) return false;
      if (Match(pattern, rest, text, end + 1)) return true;
    }
    return false;
  }
  for (std::size_t end = t; end < text.size() && IsSegmentChar(text[end]); ++end) {
    if (Match(pattern, p + 1, text, end + 1)) return true;
  }
  return false;
}

}  // namespace

bool IsValidPermittedRole(std::string_view permitted) {
  if (permitted.empty()) return false;
  bool segment_start = true;
  for (char c : permitted) {
    if (c == ':') {
      if (segment_start) return false;
      segment_start = true;
    } else if (IsSegmentChar(c)) {
      segment_start = false;
    } else {
      return false;
    }
  }
  return !segment_start;
}

bool RoleGrants(std::string_view caller_role, std::string_view permitted) {
  return Match(caller_role, 0, permitted, 0);
}

bool IsAuthorized(const std::vector<std::string>& caller_roles, const std::vector<std::string>& permitted) {
  if (permitted.empty()) return true;
  for (const auto& role : permitted) {
    for (const auto& caller : caller_roles) {
      if (RoleGrants(caller, role)) return true;
    }
  }
  return false;
}

}  // namespace nmshd::connector
