#include "consumption/requests/items/attribute_query_match.h"

#include <algorithm>
#include <vector>

#include "consumption/requests/items/attribute_item_support.h"
#include "content/requests/iql_syntax.h"

namespace nmshd::consumption::attribute_items {

namespace js = boost::json;

namespace {

ValidationResult Mismatch(const std::string& message) { return ValidationResult::Error(AttributeQueryMismatch(message)); }

std::vector<std::string> Strings(const js::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* v = o.if_contains(key); v != nullptr && v->is_array()) {
    for (const auto& s : v->get_array()) {
      if (s.is_string()) out.emplace_back(s.get_string());
    }
  }
  return out;
}

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

ValidationResult MatchIdentityQuery(const js::object& query, const js::object& attribute, const std::string& recipient) {
  if (!IsIdentityAttribute(attribute)) {
    return Mismatch("The provided Attribute is not an IdentityAttribute, but an IdentityAttribute was queried.");
  }
  if (StringAt(attribute, "owner") != recipient) {
    return Mismatch("The provided IdentityAttribute belongs to someone else. You can only share OwnIdentityAttributes.");
  }
  if (StringAt(query, "valueType") != ValueTypeOf(attribute)) {
    return Mismatch("The provided IdentityAttribute is not of the queried IdentityAttribute value type.");
  }
  const auto queried_tags = Strings(query, "tags");
  if (!queried_tags.empty()) {
    const auto tags = Strings(attribute, "tags");
    if (std::none_of(queried_tags.begin(), queried_tags.end(), [&](const auto& t) { return Contains(tags, t); })) {
      return Mismatch("The tags of the provided IdentityAttribute do not contain at least one queried tag.");
    }
  }
  return ValidationResult::Success();
}

ValidationResult MatchIqlQuery(const js::object& attribute, const std::string& recipient) {
  if (!IsIdentityAttribute(attribute)) {
    return Mismatch(
        "The provided Attribute is not an IdentityAttribute. Currently, only IdentityAttributes can be queried by an "
        "IQLQuery.");
  }
  if (StringAt(attribute, "owner") != recipient) {
    return Mismatch("The provided IdentityAttribute belongs to someone else. You can only share OwnIdentityAttributes.");
  }
  return ValidationResult::Success();
}

ValidationResult MatchRelationshipQuery(const js::object& query, const js::object& attribute,
                                        const std::string& recipient) {
  if (!IsRelationshipAttribute(attribute)) {
    return Mismatch("The provided Attribute is not a RelationshipAttribute, but a RelationshipAttribute was queried.");
  }
  const auto owner = StringAt(attribute, "owner");
  const auto queried_owner = StringAt(query, "owner");
  if (!queried_owner.empty() && queried_owner != owner) {
    return Mismatch("The provided RelationshipAttribute does not belong to the queried owner.");
  }
  if (queried_owner.empty() && owner != recipient) {
    return Mismatch(
        "You are not the owner of the provided RelationshipAttribute, but an empty string was specified for the owner "
        "of the query.");
  }
  if (StringAt(query, "key") != StringAt(attribute, "key")) {
    return Mismatch("The provided RelationshipAttribute does not have the queried key.");
  }
  const auto& hints = query.at("attributeCreationHints").as_object();
  if (StringAt(hints, "confidentiality") != StringAt(attribute, "confidentiality")) {
    return Mismatch("The provided RelationshipAttribute does not have the queried confidentiality.");
  }
  const auto value_type = ValueTypeOf(attribute);
  if (StringAt(hints, "valueType") != value_type) {
    return Mismatch("The provided RelationshipAttribute is not of the queried RelationshipAttribute value type.");
  }
  if (value_type != "Consent") {
    // hints.title !== value.title: absent only equals absent.
    const auto& value = attribute.at("value").as_object();
    auto differs = [&](std::string_view key) {
      const auto* h = hints.if_contains(key);
      const auto* v = value.if_contains(key);
      if (h == nullptr || v == nullptr) return (h == nullptr) != (v == nullptr);
      return *h != *v;
    };
    if (differs("title")) return Mismatch("The provided RelationshipAttribute does not have the queried title.");
    if (differs("description")) {
      return Mismatch("The provided RelationshipAttribute does not have the queried description.");
    }
  }
  return ValidationResult::Success();
}

ValidationResult MatchThirdPartyQuery(const js::object& query, const js::object& attribute,
                                      const std::string& recipient, const std::string& sender) {
  if (!IsRelationshipAttribute(attribute)) {
    return Mismatch("The provided Attribute is not a RelationshipAttribute, but a RelationshipAttribute was queried.");
  }
  const auto owner = StringAt(attribute, "owner");
  const bool recipient_is_owner = owner == recipient;
  const bool sender_is_owner = owner == sender;
  const auto third_parties = Strings(query, "thirdParty");
  const auto queried_owner = StringAt(query, "owner");
  if (sender_is_owner || (queried_owner == "recipient" && !recipient_is_owner) ||
      (queried_owner == "thirdParty" && !Contains(third_parties, owner) &&
       (!Contains(third_parties, "") || (recipient_is_owner && !Contains(third_parties, recipient))))) {
    return Mismatch("The provided RelationshipAttribute does not belong to a queried owner.");
  }
  if (queried_owner.empty() && !recipient_is_owner && !Contains(third_parties, "") && !Contains(third_parties, owner)) {
    return Mismatch(
        "Neither you nor one of the involved third parties is the owner of the provided RelationshipAttribute, but an "
        "empty string was specified for the owner of the query.");
  }
  if (StringAt(query, "key") != StringAt(attribute, "key")) {
    return Mismatch("The provided RelationshipAttribute does not have the queried key.");
  }
  return ValidationResult::Success();
}

}  // namespace

ValidationResult ValidateQuery(const js::object& query, const std::string& sender, const std::string& recipient) {
  const auto type = StringAt(query, "@type");
  if (type == "ThirdPartyRelationshipAttributeQuery") {
    for (const auto& third_party : Strings(query, "thirdParty")) {
      if (third_party == sender) {
        return ValidationResult::Error(
            request_errors::InvalidRequestItem("Cannot query an Attribute with the own address as third party."));
      }
      if (!recipient.empty() && third_party == recipient) {
        return ValidationResult::Error(
            request_errors::InvalidRequestItem("Cannot query an Attribute with the recipient's address as third party."));
      }
    }
  } else if (type == "IQLQuery") {
    if (const auto column = content::IqlSyntaxErrorColumn(StringAt(query, "queryString"))) {
      return ValidationResult::Error(
          request_errors::InvalidRequestItem("IQL query syntax error at character " + std::to_string(*column)));
    }
  }
  return ValidationResult::Success();
}

ValidationResult ValidateAttributeMatchesWithQuery(const js::object& query, const js::object& attribute,
                                                   const std::string& recipient, const std::string& sender) {
  const auto type = StringAt(query, "@type");
  if (type == "IdentityAttributeQuery") return MatchIdentityQuery(query, attribute, recipient);
  if (type == "IQLQuery") return MatchIqlQuery(attribute, recipient);
  if (type == "RelationshipAttributeQuery") return MatchRelationshipQuery(query, attribute, recipient);
  if (type == "ThirdPartyRelationshipAttributeQuery") return MatchThirdPartyQuery(query, attribute, recipient, sender);
  return ValidationResult::Error(UnexpectedErrorDuringRequestItemProcessing(
      "The query is not of a known type. Only the IdentityAttributeQuery, IQLQuery, RelationshipAttributeQuery or "
      "ThirdPartyRelationshipAttributeQuery can be used."));
}

}  // namespace nmshd::consumption::attribute_items
