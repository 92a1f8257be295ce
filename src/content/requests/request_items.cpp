// The nine request item types of @nmshd/content 7.0.0 (requests/items/**/…RequestItem.ts). Each
// reads its own properties, then RequestItem's (description, mustBeAccepted, metadata).
#include <array>

#include "content/requests/content_classes.h"
#include "content/requests/file_reference.h"
#include "content/serval_error.h"
#include "content/text_patterns.h"

namespace nmshd::content::serval {
namespace {

constexpr std::array<std::string_view, 2> kIdentityOrRelationshipAttribute = {"IdentityAttribute",
                                                                              "RelationshipAttribute"};
constexpr std::array<std::string_view, 2> kRelationshipOrIdentityAttribute = {"RelationshipAttribute",
                                                                              "IdentityAttribute"};
constexpr std::array<std::string_view, 4> kReadQueries = {"IdentityAttributeQuery", "RelationshipAttributeQuery",
                                                          "ThirdPartyRelationshipAttributeQuery", "IQLQuery"};
constexpr std::array<std::string_view, 3> kProposeQueries = {"IdentityAttributeQuery", "RelationshipAttributeQuery",
                                                             "IQLQuery"};
constexpr std::array<std::string_view, 7> kFormFieldSettings = {
    "BooleanFormFieldSettings", "DateFormFieldSettings",      "DoubleFormFieldSettings", "IntegerFormFieldSettings",
    "RatingFormFieldSettings",  "SelectionFormFieldSettings", "StringFormFieldSettings"};

std::string_view TypeOf(const js::value* v) {
  if (v == nullptr || !v->is_object()) return "";
  const auto* type = v->get_object().if_contains("@type");
  return type != nullptr && type->is_string() ? std::string_view(type->get_string()) : std::string_view();
}

// The "@type" of an attribute's value (`attribute.value.toJSON()["@type"]`).
std::string ValueTypeOf(const js::value* attribute) {
  if (attribute == nullptr || !attribute->is_object()) return "";
  const auto* value = attribute->get_object().if_contains("value");
  return std::string(TypeOf(value));
}

// query.attributeCreationHints.valueType, "" when absent.
std::string CreationHintsValueType(const js::value* query) {
  if (query == nullptr || !query->is_object()) return "";
  const auto* hints = query->get_object().if_contains("attributeCreationHints");
  if (hints == nullptr || !hints->is_object()) return "";
  const auto* type = hints->get_object().if_contains("valueType");
  return type != nullptr && type->is_string() ? std::string(type->get_string()) : "";
}

// ProposeAttributeRequestItem.postFrom: the attribute must fit the query.
void CheckProposal(const Reader& r) {
  const js::value* query = r.Read("query");
  const js::value* attribute = r.Read("attribute");
  const std::string_view query_type = TypeOf(query);
  const std::string_view attribute_type = TypeOf(attribute);
  if (attribute_type == "RelationshipAttribute" && query_type != "RelationshipAttributeQuery") {
    throw ValidationError("ProposeAttributeRequestItem", "",
                          "When proposing a RelationshipAttribute, the corresponding query has to be a "
                          "RelationshipAttributeQuery.");
  }
  if (attribute_type == "IdentityAttribute" && query_type != "IdentityAttributeQuery" && query_type != "IQLQuery") {
    throw ValidationError("ProposeAttributeRequestItem", "",
                          "When proposing an IdentityAttribute, the corresponding query has to be a "
                          "IdentityAttributeQuery or IQLQuery.");
  }
  auto mismatch = [&](std::string_view property, const std::string& query_value_type) {
    throw ValidationError("ProposeAttributeRequestItem", property,
                          "You cannot propose an Attribute whose type of the value ('" + ValueTypeOf(attribute) +
                              "') is different from the value type of the query ('" + query_value_type + "').");
  };
  if (query_type == "IdentityAttributeQuery") {
    const auto* value_type = query->get_object().if_contains("valueType");
    const std::string wanted = value_type != nullptr && value_type->is_string() ? std::string(value_type->get_string()) : "";
    if (ValueTypeOf(attribute) != wanted) mismatch("query.valueType", wanted);
  }
  if (query_type == "IQLQuery" && query->get_object().contains("attributeCreationHints")) {
    const std::string wanted = CreationHintsValueType(query);
    if (ValueTypeOf(attribute) != wanted) mismatch("query.attributeCreationHints.valueType", wanted);
  }
  if (query_type == "RelationshipAttributeQuery") {
    const std::string wanted = CreationHintsValueType(query);
    if (ValueTypeOf(attribute) != wanted) mismatch("query.attributeCreationHints.valueType", wanted);
  }
}

}  // namespace

js::value ReadReadAttributeRequestItem(const js::value& v) {
  Reader r("ReadAttributeRequestItem", v);
  r.Union("query", kReadQueries);
  ReadRequestItemBase(r);
  return r.Finish();
}

js::value ReadShareAttributeRequestItem(const js::value& v) {
  Reader r("ShareAttributeRequestItem", v);
  r.Union("attribute", kIdentityOrRelationshipAttribute);
  r.Id("attributeId");
  r.Address("thirdPartyAddress", true);
  ReadRequestItemBase(r);
  return r.Finish();
}

js::value ReadCreateAttributeRequestItem(const js::value& v) {
  Reader r("CreateAttributeRequestItem", v);
  r.Union("attribute", kRelationshipOrIdentityAttribute);
  ReadRequestItemBase(r);
  return r.Finish();
}

js::value ReadProposeAttributeRequestItem(const js::value& v) {
  Reader r("ProposeAttributeRequestItem", v);
  r.Union("query", kProposeQueries);
  r.Union("attribute", kIdentityOrRelationshipAttribute);
  ReadRequestItemBase(r);
  CheckProposal(r);
  return r.Finish();
}

js::value ReadDeleteAttributeRequestItem(const js::value& v) {
  Reader r("DeleteAttributeRequestItem", v);
  r.Id("attributeId");
  ReadRequestItemBase(r);
  return r.Finish();
}

js::value ReadConsentRequestItem(const js::value& v) {
  Reader r("ConsentRequestItem", v);
  r.String("consent", StringRule().Max(10000));
  r.String("link", StringRule().Optional().Min(3).Max(1024).Pattern(&kConsentLinkPattern));
  r.String("linkDisplayText", StringRule().Optional().Min(3).Max(30));
  r.Boolean("requiresInteraction", true);
  ReadRequestItemBase(r);
  // postFrom
  if (r.Read("linkDisplayText") != nullptr && r.Read("link") == nullptr) {
    throw ValidationError("ConsentRequestItem", "linkDisplayText",
                          "A linkDisplayText can only be defined if a link is defined too.");
  }
  return r.Finish();
}

js::value ReadAuthenticationRequestItem(const js::value& v) {
  Reader r("AuthenticationRequestItem", v);
  r.String("title", StringRule().Max(200));
  ReadRequestItemBase(r);
  return r.Finish();
}

js::value ReadFormFieldRequestItem(const js::value& v) {
  Reader r("FormFieldRequestItem", v);
  r.String("title", StringRule().Max(200));
  r.Union("settings", kFormFieldSettings);
  ReadRequestItemBase(r);
  return r.Finish();
}

js::value ReadTransferFileOwnershipRequestItem(const js::value& v) {
  Reader r("TransferFileOwnershipRequestItem", v);
  if (const js::value* raw = r.Get("fileReference"); raw == nullptr || raw->is_null()) {
    throw ParsingError("TransferFileOwnershipRequestItem", "fileReference", "Value is not defined");
  } else {
    // enforceString: FileReference.from(value), written back as its truncated form.
    r.Set("fileReference", TruncatedFileReference(*raw));
  }
  r.String("ownershipToken");
  ReadRequestItemBase(r);
  return r.Finish();
}

}  // namespace nmshd::content::serval
