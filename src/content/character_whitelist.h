#pragma once
// The characters attribute values may contain (consumption AttributesController
// .validateAttributeCharacters, "forbiddenCharactersInAttribute"): tab, line feed, carriage return,
// printable ASCII and the Latin letters of DIN SPEC 91379 — single code points plus letter +
// combining-mark sequences such as "C̨̆" that have no precomposed form. A combining mark is allowed
// only after a base letter it is listed with.
//
// Checked on IdentityAttribute values: every string property; on RelationshipAttribute values:
// every string property except `title` and `description` (free text of the issuer).
#include <boost/json.hpp>
#include <string_view>

namespace nmshd::content {

// The whole text is a sequence of allowed characters and sequences (the official
// /^(alternatives)*$/).
bool IsWhitelistedText(std::string_view utf8);

// Every top-level string property of a value object's JSON (`value.toJSON()`) is whitelisted,
// except the properties named in `skip`.
bool HasOnlyWhitelistedStrings(const boost::json::object& value_json, bool skip_title_and_description);

}  // namespace nmshd::content
