#pragma once
// The JSON-schema checks the runtime runs on identity values (Schemas.ts, ajv with allErrors),
// with the first failure worded as the runtime reports it ("<path> <ajv message>", the leading
// "/" of the path dropped): required properties (in the schema's `required` order) first, then
// additional properties, then each property's type in the schema's `properties` order.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "content/value_type.h"

namespace nmshd::content {

// IdentityAttributeValueValidator: the value against the schema of the identity type its @type
// names, failures prefixed "<Type> :: ". An @type that names no identity value type (or none):
// "content.value.@type must match one of the allowed Attribute value types for IdentityAttributes".
std::optional<std::string> CheckIdentityValueSchema(const boost::json::value& value);

// `value` at `path` (e.g. "successorContent/value", "" for the root) against the schema of `type`,
// including its "@type" constant.
std::optional<std::string> CheckValueSchema(const ValueType& type, const boost::json::value& value,
                                            std::string_view path);

// The schema `AttributeValues.Identity.Json` of request objects (anyOf over every identity type):
// passes when the value fits its own type; otherwise ajv's first error is the one of the first
// branch, Affiliation.
std::optional<std::string> CheckIdentityValueUnionSchema(const boost::json::value& value, std::string_view path);

}  // namespace nmshd::content
