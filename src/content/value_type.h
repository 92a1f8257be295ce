#pragma once
// The description of one attribute value type (a class under @nmshd/content attributes/types):
// its properties in the order ts-serval parses them, the rule of each property, and the JSON
// schema the runtime checks identity values against before (Schemas.ts). attribute_value.h runs
// these descriptions; value_types.h lists all 43 of them.
//
// Properties whose type is a component class (StreetAddress.street is a Street, BirthDate.day a
// BirthDay) carry only the component's inner value in JSON ("street": "Main St") and report their
// errors as that class ("Street.value :: Value is longer than 100 characters").
#include <boost/json.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/text_patterns.h"

namespace nmshd::content {

enum class AttributeKind { kIdentity, kRelationship };

enum class PropertyKind {
  kString,
  kNumber,
  kBoolean,
  kAnyJson,             // any JSON, passed through unchanged (ProprietaryJSON.value)
  kValueHintsOverride,  // a ValueHintsOverride object (value_hints.h)
};

// What the runtime's JSON schema of an identity value type demands of a property.
enum class SchemaType {
  kString,
  kNumber,
  kAny,              // {}: anything
  kStringOrObject,   // anyOf string / object
  kArrayOfObjects,   // array whose items are objects
};

// A ts-serval customValidator: the reason when the value is refused, nullopt when accepted.
using CustomCheck = std::optional<std::string> (*)(const boost::json::value& value);

struct ValueProperty {
  std::string_view name = {};
  PropertyKind kind = PropertyKind::kString;
  bool optional = false;
  std::string_view component = {};  // component class name; empty for the value class's own properties
  std::optional<std::size_t> min_length = {};  // strings, in UTF-16 code units
  std::optional<std::size_t> max_length = {};
  const TextPattern* pattern = nullptr;
  CustomCheck custom = nullptr;
  SchemaType schema = SchemaType::kString;
  // Required by the JSON schema although ts-serval lets it be missing (VerifiableCredential.type).
  bool required_by_schema = false;

  bool SchemaRequires() const { return !optional || required_by_schema; }
};

// Checks of a class on the whole parsed value (its postFrom), e.g. BirthDate is a real past date.
// Receives the normalized JSON; throws ServalError.
using ValueCheck = void (*)(const boost::json::object& normalized);

struct ValueType {
  std::string_view name;
  AttributeKind kind = AttributeKind::kIdentity;
  // Part of @nmshd/content 7.0.0 (the peers our tests run); false for the four identity types added
  // later (BankAccount, MaritalStatus, SchematizedJSON, VerifiableCredential).
  bool in_content_7_0_0 = true;
  std::vector<ValueProperty> properties;  // ts-serval order
  // The JSON schema's `properties` order (identity types); empty = the order of `properties`.
  std::vector<std::string_view> schema_order;
  ValueCheck post_check = nullptr;

  const ValueProperty* Find(std::string_view property) const {
    for (const auto& p : properties) {
      if (p.name == property) return &p;
    }
    return nullptr;
  }
};

}  // namespace nmshd::content
