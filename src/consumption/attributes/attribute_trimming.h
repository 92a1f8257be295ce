#pragma once
// Trimming of identity attribute values (consumption AttributesController.trimAttribute /
// trimAttributeValue): every top-level string property of the value is trimmed the JavaScript way
// (content/js_string.h) before an IdentityAttribute is stored and before the duplicate check.
// Nested values (none of the identity types has one) and RelationshipAttributes are not trimmed.
#include <boost/json.hpp>

#include "content/identity_attribute.h"

namespace nmshd::consumption {

// trimAttributeValue: a copy of `value` with its top-level strings trimmed.
boost::json::object TrimValueJson(const boost::json::object& value);
boost::json::value TrimValueJson(const boost::json::value& value);

// trimAttribute: the attribute rebuilt from its JSON with the trimmed value. Validates again, so a
// value that is only valid untrimmed ("  12  " as a PhoneNumber) throws content::ServalError here.
content::IdentityAttribute TrimIdentityAttribute(const content::IdentityAttribute& attribute);

}  // namespace nmshd::consumption
