#pragma once
// IdentityAttributeQuery {valueType, tags?}: asks for identity attributes of one value type
// (@nmshd/content attributes/IdentityAttributeQuery.ts).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace nmshd::content {

struct IdentityAttributeQuery {
  std::string value_type;
  std::optional<std::vector<std::string>> tags;

  // IdentityAttributeQuery.from(json): valueType must be one of the identity value type names
  // ("…valueType:String :: must be one of: [\"Affiliation\",…]"), tags as IdentityAttribute's.
  // Throws ServalError.
  static IdentityAttributeQuery FromJson(const boost::json::value& json);

  // {"@type":"IdentityAttributeQuery","tags"?,"valueType"}.
  boost::json::object ToJson() const;
};

}  // namespace nmshd::content
