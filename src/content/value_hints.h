#pragma once
// ValueHintsOverride (the optional `valueHintsOverride` of Proprietary* values) and the ValueHints
// it nests under `propertyHints`, parsed and normalized like @nmshd/content 7.0.0:
//   {editHelp? (≤500), min?, max?, pattern? (≤1000), values? [{key (string|number|boolean, a string
//    at most 100), displayName (≤100)}], defaultValue? (string|number|boolean), propertyHints?
//    {name: ValueHints}}
// JSON: "@type" first, the present properties sorted; `values` items without "@type";
// `propertyHints` always written — in its sorted place when given, else appended last — with every
// entry a full ValueHints object ("@type":"ValueHints", its own propertyHints always present).
#include <boost/json.hpp>
#include <string_view>

namespace nmshd::content {

// `owner_class`.`owner_property` name the holder in "Parsed object is not an instance …" messages.
// Throws ServalError.
boost::json::object ParseValueHintsOverride(const boost::json::value& json, std::string_view owner_class,
                                            std::string_view owner_property);

// ValueHints.from(json).toJSON() (e.g. RelationshipAttributeCreationHints.valueHints): "@type" and
// the present properties sorted, `propertyHints` always in its sorted place. Throws ServalError.
boost::json::object ParseValueHints(const boost::json::value& json);

}  // namespace nmshd::content
