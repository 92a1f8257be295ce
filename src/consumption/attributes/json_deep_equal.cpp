#include "consumption/attributes/json_deep_equal.h"

namespace nmshd::consumption {

bool JsonDeepEqual(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  if (a.kind() != b.kind()) return false;
  if (a.is_object()) {
    const auto& x = a.get_object();
    const auto& y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& [key, v] : x) {
      const auto* w = y.if_contains(key);
      if (w == nullptr || !JsonDeepEqual(v, *w)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    const auto& x = a.get_array();
    const auto& y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!JsonDeepEqual(x[i], y[i])) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace nmshd::consumption
