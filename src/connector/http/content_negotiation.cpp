#include "connector/http/content_negotiation.h"

#include <strings.h>

#include <algorithm>
#include <cstdlib>
#include <map>

namespace nmshd::connector {
namespace {

std::string Trim(std::string_view s) {
  auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct MediaRange {
  std::string type;
  std::string subtype;
  std::map<std::string, std::string> params;  // lower-case names, q excluded
  double q = 1;
  int index = 0;
};

// Splits on `sep` outside double quotes.
std::vector<std::string> SplitUnquoted(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == sep && !quoted) {
      parts.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  parts.push_back(current);
  return parts;
}

std::optional<MediaRange> ParseMediaRange(std::string_view text, int index) {
  auto parts = SplitUnquoted(text, ';');
  std::string full = Trim(parts[0]);
  auto slash = full.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == full.size()) return std::nullopt;
  MediaRange range;
  range.type = full.substr(0, slash);
  range.subtype = full.substr(slash + 1);
  if (range.type.find_first_of(" \t") != std::string::npos || range.subtype.find_first_of(" \t/") != std::string::npos) {
    return std::nullopt;
  }
  range.index = index;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto eq = parts[i].find('=');
    if (eq == std::string::npos) continue;
    std::string name = Lower(Trim(std::string_view(parts[i]).substr(0, eq)));
    std::string value = Trim(std::string_view(parts[i]).substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (name == "q") {
      range.q = std::strtod(value.c_str(), nullptr);
      break;  // parameters after q are accept-extensions
    }
    range.params[name] = value;
  }
  return range;
}

struct Priority {
  double q = 0;
  int specificity = 0;
  int order = -1;  // index of the matched Accept entry
  int offered_index = 0;
};

std::optional<Priority> Specify(const MediaRange& offered, const MediaRange& spec, int offered_index) {
  int s = 0;
  if (strcasecmp(spec.type.c_str(), offered.type.c_str()) == 0) {
    s |= 4;
  } else if (spec.type != "*") {
    return std::nullopt;
  }
  if (strcasecmp(spec.subtype.c_str(), offered.subtype.c_str()) == 0) {
    s |= 2;
  } else if (spec.subtype != "*") {
    return std::nullopt;
  }
  if (!spec.params.empty()) {
    for (const auto& [name, value] : spec.params) {
      auto it = offered.params.find(name);
      bool ok = value == "*" || (it != offered.params.end() && Lower(value) == Lower(it->second));
      if (!ok) return std::nullopt;
    }
    s |= 1;
  }
  return Priority{spec.q, s, spec.index, offered_index};
}

}  // namespace

std::optional<std::string> NegotiateMediaType(const std::optional<std::string>& accept_header,
                                              const std::vector<std::string>& offered) {
  if (offered.empty()) return std::nullopt;
  if (!accept_header || accept_header->empty()) return offered.front();
  std::vector<MediaRange> accepted;
  int index = 0;
  for (const auto& part : SplitUnquoted(*accept_header, ',')) {
    if (auto range = ParseMediaRange(part, index)) accepted.push_back(std::move(*range));
    ++index;
  }
  std::vector<Priority> ranked;
  for (int i = 0; i < static_cast<int>(offered.size()); ++i) {
    auto offer = ParseMediaRange(offered[static_cast<std::size_t>(i)], 0);
    if (!offer) continue;
    Priority best{0, 0, -1, i};
    for (const auto& spec : accepted) {
      auto p = Specify(*offer, spec, i);
      if (!p) continue;
      // negotiator: the more specific match wins, then the higher q, then the later entry
      if (best.specificity - p->specificity < 0 ||
          (best.specificity == p->specificity && (best.q - p->q < 0 || (best.q == p->q && best.order - p->order < 0)))) {
        best = *p;
      }
    }
    if (best.q > 0) ranked.push_back(best);
  }
  if (ranked.empty()) return std::nullopt;
  std::stable_sort(ranked.begin(), ranked.end(), [](const Priority& a, const Priority& b) {
    if (a.q != b.q) return a.q > b.q;
    if (a.specificity != b.specificity) return a.specificity > b.specificity;
    if (a.order != b.order) return a.order < b.order;
    return a.offered_index < b.offered_index;
  });
  return offered[static_cast<std::size_t>(ranked.front().offered_index)];
}

}  // namespace nmshd::connector
