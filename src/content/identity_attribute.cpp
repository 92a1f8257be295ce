#include "content/identity_attribute.h"

#include "content/attribute_tags.h"
#include "content/serval_error.h"

namespace nmshd::content {

std::string ParseOwner(std::string_view cls, const boost::json::value* raw) {
  if (raw == nullptr || raw->is_null()) throw ParsingError(cls, "owner", "Value is not defined");
  if (raw->is_string()) return std::string(raw->get_string());
  if (raw->is_object()) {
    if (const auto* address = raw->get_object().if_contains("address"); address != nullptr && address->is_string()) {
      return std::string(address->get_string());
    }
  }
  throw ParsingError("CoreAddress", "address", "Value is not a string");
}

IdentityAttribute IdentityAttribute::FromJson(const boost::json::value& json) {
  if (!json.is_object() && !json.is_array()) throw ParameterMustBeAnObject("IdentityAttribute", &json);
  static const boost::json::object kEmpty;
  const auto& o = json.is_object() ? json.get_object() : kEmpty;
  const auto* raw_value = o.if_contains("value");
  auto value = AttributeValue::Parse(raw_value != nullptr ? *raw_value : boost::json::value(nullptr),
                                     AttributeKind::kIdentity, "IdentityAttribute");
  auto tags = ParseTags("IdentityAttribute", o.if_contains("tags"));
  auto owner = ParseOwner("IdentityAttribute", o.if_contains("owner"));
  return IdentityAttribute{std::move(owner), std::move(value), std::move(tags)};
}

boost::json::object IdentityAttribute::ToJson() const {
  boost::json::object json;
  json["@type"] = "IdentityAttribute";
  json["owner"] = owner;
  if (tags) json["tags"] = TagsToJson(*tags);
  json["value"] = value.json();
  return json;
}

}  // namespace nmshd::content
