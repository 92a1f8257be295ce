// The attribute classes request items carry: IdentityAttribute, RelationshipAttribute and
// IdentityAttributeQuery (the existing content classes), and the queries only requests use —
// RelationshipAttributeQuery, ThirdPartyRelationshipAttributeQuery, IQLQuery — with their creation
// hints (@nmshd/content 7.0.0 attributes/*Query.ts). Reading only; executing a query is the
// consumption layer's job.
#include <algorithm>

#include "content/attribute_tags.h"
#include "content/identity_attribute.h"
#include "content/identity_attribute_query.h"
#include "content/relationship_attribute.h"
#include "content/requests/content_classes.h"
#include "content/requests/iql_syntax.h"
#include "content/value_hints.h"
#include "content/value_types.h"

namespace nmshd::content::serval {
namespace {

// AttributeValues.Relationship.TYPE_NAMES_STRINGIFIED: JSON.stringify of the names.
std::string RelationshipTypeNamesStringified() {
  std::string out = "[";
  bool first = true;
  for (const ValueType* type : AllValueTypes()) {
    if (type->kind != AttributeKind::kRelationship || !type->in_content_7_0_0) continue;
    if (!first) out += ",";
    first = false;
    out += "\"" + std::string(type->name) + "\"";
  }
  return out + "]";
}

std::optional<std::string> RelationshipValueTypeName(const js::value& v) {
  const ValueType* type = v.is_string() ? FindValueType(v.get_string(), AttributeKind::kRelationship) : nullptr;
  if (type == nullptr || !type->in_content_7_0_0) return "must be one of: " + RelationshipTypeNamesStringified();
  return std::nullopt;
}

// IdentityAttribute.validateTypeName (IQLQueryCreationHints.valueType).
std::optional<std::string> IdentityValueTypeName(const js::value& v) {
  const auto names = IdentityValueTypeNames();
  if (v.is_string() && std::find(names.begin(), names.end(), std::string_view(v.get_string())) != names.end()) {
    return std::nullopt;
  }
  return "must be one of: " + IdentityValueTypeNamesStringified();
}

// `${Object.values(RelationshipAttributeConfidentiality)}`: the enum's declaration order.
std::optional<std::string> Confidentiality(const js::value& v) {
  if (v.is_string() && (v.get_string() == "public" || v.get_string() == "private" || v.get_string() == "protected")) {
    return std::nullopt;
  }
  return "must be one of: public,private,protected";
}

std::optional<std::string> ThirdPartyQueryOwner(const js::value& v) {
  if (v.is_string() && (v.get_string() == "thirdParty" || v.get_string() == "recipient" || v.get_string() == "")) {
    return std::nullopt;
  }
  return R"(must be one of: "thirdParty","recipient","")";
}

std::optional<std::string> ValidIql(const js::value& v) {
  if (!v.is_string()) return std::nullopt;
  if (auto column = IqlSyntaxErrorColumn(v.get_string())) {
    return "invalid IQL query at character offset " + std::to_string(*column);
  }
  return std::nullopt;
}

// The tags of IQLQueryCreationHints: an optional string array with IdentityAttribute.validateTags.
void Tags(Reader& r) {
  if (auto tags = ParseTags(r.cls(), r.Get("tags"))) r.Set("tags", TagsToJson(*tags));
}

}  // namespace

js::value ReadIdentityAttribute(const js::value& v) { return IdentityAttribute::FromJson(v).ToJson(); }

js::value ReadRelationshipAttribute(const js::value& v) { return RelationshipAttribute::FromJson(v).ToJson(); }

js::value ReadIdentityAttributeQuery(const js::value& v) { return IdentityAttributeQuery::FromJson(v).ToJson(); }

js::value ReadRelationshipAttributeCreationHints(const js::value& v) {
  // preFrom sets a missing isTechnical to false, but no property is declared for it, so it never
  // reaches the JSON.
  Reader r("RelationshipAttributeCreationHints", v);
  r.String("title", StringRule().Max(100));
  r.String("valueType", StringRule().Custom(RelationshipValueTypeName));
  r.String("description", StringRule().Optional().Max(1000));
  r.Typed("valueHints", "ValueHints", true);
  r.String("confidentiality", StringRule().Custom(Confidentiality));
  return r.Finish();
}

js::value ReadRelationshipAttributeQuery(const js::value& v) {
  Reader r("RelationshipAttributeQuery", v);
  r.String("key", StringRule().Max(100));
  r.Address("owner");
  r.Typed("attributeCreationHints", "RelationshipAttributeCreationHints");
  return r.Finish();
}

js::value ReadThirdPartyRelationshipAttributeQuery(const js::value& v) {
  // preFrom: a single address (string or {address}) becomes a one-element array.
  js::value input = v;
  if (input.is_object()) {
    auto& o = input.get_object();
    if (auto* third_party = o.if_contains("thirdParty");
        third_party != nullptr &&
        (third_party->is_string() || (third_party->is_object() && third_party->get_object().contains("address")))) {
      js::value address = ReadCoreAddress(*third_party);
      *third_party = js::array{address};
    }
  }
  Reader r("ThirdPartyRelationshipAttributeQuery", input);
  r.String("key", StringRule().Max(100));
  r.String("owner", StringRule().Custom(ThirdPartyQueryOwner));
  r.TypedArray("thirdParty", "CoreAddress", NotEmpty);
  return r.Finish();
}

js::value ReadIQLQueryCreationHints(const js::value& v) {
  Reader r("IQLQueryCreationHints", v);
  r.String("valueType", StringRule().Custom(IdentityValueTypeName));
  Tags(r);
  return r.Finish();
}

js::value ReadIQLQuery(const js::value& v) {
  Reader r("IQLQuery", v);
  r.String("queryString", StringRule().Max(4096).Custom(ValidIql));
  r.Typed("attributeCreationHints", "IQLQueryCreationHints", true);
  return r.Finish();
}

js::value ReadValueHints(const js::value& v) { return ParseValueHints(v); }

}  // namespace nmshd::content::serval
