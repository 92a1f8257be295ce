#include "consumption/attributes/attribute_trimming.h"

#include "content/js_string.h"

namespace nmshd::consumption {

boost::json::object TrimValueJson(const boost::json::object& value) {
  boost::json::object out;
  for (const auto& [key, v] : value) {
    out[key] = v.is_string() ? boost::json::value(content::TrimJs(v.get_string())) : v;
  }
  return out;
}

boost::json::value TrimValueJson(const boost::json::value& value) {
  return value.is_object() ? boost::json::value(TrimValueJson(value.get_object())) : value;
}

content::IdentityAttribute TrimIdentityAttribute(const content::IdentityAttribute& attribute) {
  auto json = attribute.ToJson();
  json["value"] = TrimValueJson(attribute.value.json());
  return content::IdentityAttribute::FromJson(json);
}

}  // namespace nmshd::consumption
