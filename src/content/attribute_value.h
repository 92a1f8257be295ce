#pragma once
// An attribute value as ts-serval builds it from JSON (`IdentityAttribute.value`,
// `RelationshipAttribute.value`): checked property by property in the official order with the
// rules of its value type (value_types.h), then normalized to the JSON the official toJSON()
// writes — "@type" and the present properties in sorted key order, components flattened to their
// inner value, unknown keys dropped. Byte-identical serialization matters: peers and the Connector
// compare attribute contents by their JSON.
#include <boost/json.hpp>
#include <string_view>

#include "content/value_type.h"

namespace nmshd::content {

class AttributeValue {
 public:
  // Parses `json` as one of the value types of `kind` (the union of IdentityAttribute.value or
  // RelationshipAttribute.value). `owner_class` names the class holding the value in messages
  // ("IdentityAttribute.value :: Value is not defined"). Throws ServalError with ts-serval's message.
  static AttributeValue Parse(const boost::json::value& json, AttributeKind kind, std::string_view owner_class);

  const ValueType& type() const { return *type_; }
  // The normalized JSON ("@type" first).
  const boost::json::object& json() const { return json_; }

 private:
  AttributeValue(const ValueType& type, boost::json::object json) : type_(&type), json_(std::move(json)) {}
  const ValueType* type_;
  boost::json::object json_;
};

// Parses a value object of a known type (its @type already dispatched): the properties of `type`
// from `object`, normalized. Throws ServalError.
boost::json::object ParseValueOfType(const ValueType& type, const boost::json::object& object);

// JavaScript truthiness of a JSON value (`if (value["@type"])`).
bool IsTruthy(const boost::json::value& v);

}  // namespace nmshd::content
