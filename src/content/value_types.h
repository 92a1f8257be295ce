#pragma once
// All attribute value types of runtime 7.x: 29 for IdentityAttributes (28 editable plus
// SchematizedXML) and 14 for RelationshipAttributes (13 Proprietary* plus Consent), in the order of
// AttributeValues.*.CLASSES (the order ts-serval lists them in messages).
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/value_type.h"

namespace nmshd::content {

// Identity types then relationship types, each in CLASSES order.
const std::vector<const ValueType*>& AllValueTypes();
// nullptr when no value type has this name.
const ValueType* FindValueType(std::string_view name);
// A value type of the given kind, nullptr otherwise.
const ValueType* FindValueType(std::string_view name, AttributeKind kind);

// AttributeValues.Identity.TYPE_NAMES (editable types, then SchematizedXML) and its JSON text
// (TYPE_NAMES_STRINGIFIED), used in "must be one of: […]" messages.
std::span<const std::string_view> IdentityValueTypeNames();
std::string IdentityValueTypeNamesStringified();

// "(A|B|…)": the class names of a kind in CLASSES order, as ts-serval names a union in
// "Parsed object is not an instance of any allowed types (…)".
std::string UnionTypeList(AttributeKind kind);

// Whether ts-serval knows a class of this @type among the attribute classes: value types, their
// components (Street, BirthDay, …), hints, attributes and queries. An unknown @type fails with
// "Type '…' … was not found within reflection classes"; a known one of the wrong kind with
// "Parsed object is not an instance of any allowed types".
bool IsKnownAttributeClass(std::string_view type);

}  // namespace nmshd::content
