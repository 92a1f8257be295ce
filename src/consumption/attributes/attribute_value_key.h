#pragma once
// The value key of an identity attribute: a digest that two attribute values share exactly when
// JsonDeepEqual holds between them (members in any order, numbers compared as doubles). Stored in
// each identity attribute record ("_valueKey", LocalAttribute::ToDocument) and indexed, so the
// duplicate check on create reads the few records with the same key instead of every record of the
// value type.
#include <boost/json.hpp>
#include <string>

namespace nmshd::consumption {

// SHA-256 (base64url) of the value's canonical text: object members sorted by name, numbers as the
// shortest text that round-trips their double value, strings and literals as JSON writes them.
std::string AttributeValueKey(const boost::json::value& value);

}  // namespace nmshd::consumption
