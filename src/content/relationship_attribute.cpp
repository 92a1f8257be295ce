#include "content/relationship_attribute.h"

#include "content/identity_attribute.h"
#include "content/js_string.h"
#include "content/property_checks.h"
#include "content/serval_error.h"

namespace nmshd::content {

RelationshipAttribute RelationshipAttribute::FromJson(const boost::json::value& json) {
  if (!json.is_object() && !json.is_array()) throw ParameterMustBeAnObject("RelationshipAttribute", &json);
  static const boost::json::object kEmpty;
  const auto& o = json.is_object() ? json.get_object() : kEmpty;
  const auto* raw_value = o.if_contains("value");
  auto value = AttributeValue::Parse(raw_value != nullptr ? *raw_value : boost::json::value(nullptr),
                                     AttributeKind::kRelationship, "RelationshipAttribute");

  const auto* key = o.if_contains("key");
  if (key == nullptr || key->is_null()) throw ParsingError("RelationshipAttribute", "key", "Value is not defined");
  if (!key->is_string()) throw ParsingError("RelationshipAttribute", "key", "Value is not a string");
  if (Utf16Length(key->get_string()) > 100) {
    throw ParsingError("RelationshipAttribute", "key", "Value is longer than 100 characters");
  }

  // preFrom: a missing isTechnical becomes false.
  bool is_technical = false;
  if (const auto* technical = o.if_contains("isTechnical")) {
    if (!technical->is_bool()) throw ParsingError("RelationshipAttribute", "isTechnical", "Value is not a boolean");
    is_technical = technical->get_bool();
  }

  const auto* confidentiality = o.if_contains("confidentiality");
  if (confidentiality == nullptr || confidentiality->is_null()) {
    throw ParsingError("RelationshipAttribute", "confidentiality", "Value is not defined");
  }
  if (!confidentiality->is_string()) throw ParsingError("RelationshipAttribute", "confidentiality", "Value is not a string");
  if (auto reason = checks::Confidentiality(*confidentiality)) {
    throw PropertyValidationError("RelationshipAttribute", "confidentiality", "String", *reason);
  }

  auto owner = ParseOwner("RelationshipAttribute", o.if_contains("owner"));
  return RelationshipAttribute{std::move(owner), std::string(key->get_string()), is_technical,
                               std::string(confidentiality->get_string()), std::move(value)};
}

boost::json::object RelationshipAttribute::ToJson() const {
  boost::json::object json;
  json["@type"] = "RelationshipAttribute";
  json["confidentiality"] = confidentiality;
  json["isTechnical"] = is_technical;
  json["key"] = key;
  json["owner"] = owner;
  json["value"] = value.json();
  return json;
}

}  // namespace nmshd::content
