#pragma once
// Small helpers the notification item processors share.
#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace nmshd::consumption::notification_processing {

inline std::string StringAt(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace nmshd::consumption::notification_processing
