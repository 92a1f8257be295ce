#include "content/identity_attribute_query.h"

#include <algorithm>

#include "content/attribute_tags.h"
#include "content/serval_error.h"
#include "content/value_types.h"

namespace nmshd::content {

IdentityAttributeQuery IdentityAttributeQuery::FromJson(const boost::json::value& json) {
  if (!json.is_object() && !json.is_array()) throw ParameterMustBeAnObject("IdentityAttributeQuery", &json);
  static const boost::json::object kEmpty;
  const auto& o = json.is_object() ? json.get_object() : kEmpty;
  const auto* value_type = o.if_contains("valueType");
  if (value_type == nullptr || value_type->is_null()) {
    throw ParsingError("IdentityAttributeQuery", "valueType", "Value is not defined");
  }
  if (!value_type->is_string()) throw ParsingError("IdentityAttributeQuery", "valueType", "Value is not a string");
  const auto names = IdentityValueTypeNames();
  if (std::find(names.begin(), names.end(), std::string_view(value_type->get_string())) == names.end()) {
    throw PropertyValidationError("IdentityAttributeQuery", "valueType", "String",
                                  "must be one of: " + IdentityValueTypeNamesStringified());
  }
  auto tags = ParseTags("IdentityAttributeQuery", o.if_contains("tags"));
  return IdentityAttributeQuery{std::string(value_type->get_string()), std::move(tags)};
}

boost::json::object IdentityAttributeQuery::ToJson() const {
  boost::json::object json;
  json["@type"] = "IdentityAttributeQuery";
  if (tags) json["tags"] = TagsToJson(*tags);
  json["valueType"] = value_type;
  return json;
}

}  // namespace nmshd::content
