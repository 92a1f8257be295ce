#pragma once
// RelationshipAttribute {owner, key, isTechnical, confidentiality, value}: data that exists only
// within one relationship, e.g. a customer number (@nmshd/content attributes/RelationshipAttribute.ts).
//   key: at most 100 characters; isTechnical: false when missing (hidden from UIs);
//   confidentiality: "public" (third parties may query it), "protected" (shareable with a
//   warning) or "private" (never shared).
#include <boost/json.hpp>
#include <string>

#include "content/attribute_value.h"

namespace nmshd::content {

struct RelationshipAttribute {
  std::string owner;
  std::string key;
  bool is_technical = false;
  std::string confidentiality;
  AttributeValue value;

  // RelationshipAttribute.from(json): value (a Proprietary* or Consent value), key, isTechnical,
  // confidentiality, owner, in ts-serval's order. Throws ServalError.
  static RelationshipAttribute FromJson(const boost::json::value& json);

  // toJSON(): {"@type":"RelationshipAttribute","confidentiality","isTechnical","key","owner","value"}.
  boost::json::object ToJson() const;
};

}  // namespace nmshd::content
