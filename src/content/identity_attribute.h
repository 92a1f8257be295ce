#pragma once
// IdentityAttribute {owner, value, tags?}: data describing the identity `owner` (@nmshd/content
// attributes/IdentityAttribute.ts). `owner` is an address, or "" in requests ("the recipient").
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "content/attribute_value.h"

namespace nmshd::content {

struct IdentityAttribute {
  std::string owner;
  AttributeValue value;
  std::optional<std::vector<std::string>> tags;

  // IdentityAttribute.from(json): value (one of the identity value types), tags, owner, in
  // ts-serval's order. Throws ServalError.
  static IdentityAttribute FromJson(const boost::json::value& json);

  // toJSON(): {"@type":"IdentityAttribute","owner","tags"?,"value"} (sorted keys).
  boost::json::object ToJson() const;
};

// The owner as ts-serval reads a CoreAddress property: required; a string (or {address}).
std::string ParseOwner(std::string_view cls, const boost::json::value* raw);

}  // namespace nmshd::content
