#include "http/router.h"

#include "base/ascii_case.h"

namespace nmshd::http {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void Router::Add(std::string method, const std::string& pattern, Handler handler) {
  Route route{std::move(method), {}, std::move(handler), pattern};
  for (auto& s : SplitPath(pattern)) {
    bool is_param = s.size() > 2 && s.front() == '{' && s.back() == '}';
    std::string text = is_param ? s.substr(1, s.size() - 2) : s;
    std::string folded = is_param ? std::string() : FoldAsciiCase(text);
    route.segments.push_back({std::move(text), std::move(folded), is_param});
  }
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(Request& request) const {
  auto parts = SplitPath(request.path);
  // Folded once here, so that each route's literals compare with == (most differ in length at once).
  std::vector<std::string> folded_parts;
  folded_parts.reserve(parts.size());
  for (const auto& part : parts) folded_parts.push_back(FoldAsciiCase(part));
  const Route* best = nullptr;
  const Route* best_any_method = nullptr;
  std::string allowed;
  // True when a is more specific than b: the first differing segment is literal in a.
  auto more_specific = [](const Route& a, const Route& b) {
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
      if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
    }
    return false;
  };
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const auto& seg = route.segments[i];
      ok = seg.is_param || seg.folded == folded_parts[i];
    }
    if (!ok) continue;
    if (best_any_method == nullptr || more_specific(route, *best_any_method)) {
      best_any_method = &route;
    }
    if (route.method == request.method) {
      if (best == nullptr || more_specific(route, *best)) best = &route;
    }
  }
  Match match;
  if (best == nullptr) {
    if (best_any_method == nullptr) return match;
    // 405 only for the path shape that matched most specifically, listing its methods.
    for (const auto& route : routes_) {
      if (route.segments.size() != best_any_method->segments.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < route.segments.size() && same; ++i) {
        same = route.segments[i].is_param == best_any_method->segments[i].is_param &&
               (route.segments[i].is_param || route.segments[i].folded == best_any_method->segments[i].folded);
      }
      if (same && allowed.find(route.method) == std::string::npos) {
        allowed += (allowed.empty() ? "" : ", ") + route.method;
      }
    }
    match.outcome = Outcome::kMethodNotAllowed;
    match.allowed_methods = std::move(allowed);
    return match;
  }
  request.path_params.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (best->segments[i].is_param) request.path_params[best->segments[i].text] = parts[i];
  }
  match.outcome = Outcome::kFound;
  match.handler = &best->handler;
  match.pattern = &best->pattern;
  return match;
}

}  // namespace nmshd::http
