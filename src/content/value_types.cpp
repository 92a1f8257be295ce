#include "content/value_types.h"

#include <algorithm>
#include <array>
#include <memory>

#include "content/value_type_groups.h"

namespace nmshd::content {
namespace {

// Identity.Editable.CLASSES of runtime 7.5 (7.0.0's order without the four newer types), then
// SchematizedXML; Relationship.CLASSES.
constexpr std::array<std::string_view, 29> kIdentityClasses = {
    "Affiliation",  "BankAccount",     "BirthDate",             "BirthName",           "BirthPlace",
    "Citizenship",  "CommunicationLanguage", "DeliveryBoxAddress", "DisplayName",     "EMailAddress",
    "FaxNumber",    "GivenName",       "HonorificPrefix",       "HonorificSuffix",     "IdentityFileReference",
    "JobTitle",     "MaritalStatus",   "MiddleName",            "Nationality",         "PhoneNumber",
    "PostOfficeBoxAddress", "Pseudonym", "SchematizedJSON",     "Sex",                 "StreetAddress",
    "Surname",      "VerifiableCredential", "Website",          "SchematizedXML"};

// Identity.TYPE_NAMES: as CLASSES, but with Nationality and MaritalStatus before MiddleName.
constexpr std::array<std::string_view, 29> kIdentityTypeNames = {
    "Affiliation",  "BankAccount",     "BirthDate",             "BirthName",           "BirthPlace",
    "Citizenship",  "CommunicationLanguage", "DeliveryBoxAddress", "DisplayName",     "EMailAddress",
    "FaxNumber",    "GivenName",       "HonorificPrefix",       "HonorificSuffix",     "IdentityFileReference",
    "JobTitle",     "Nationality",     "MaritalStatus",         "MiddleName",          "PhoneNumber",
    "PostOfficeBoxAddress", "Pseudonym", "SchematizedJSON",     "Sex",                 "StreetAddress",
    "Surname",      "VerifiableCredential", "Website",          "SchematizedXML"};

constexpr std::array<std::string_view, 14> kRelationshipClasses = {
    "ProprietaryBoolean", "ProprietaryCountry",     "ProprietaryEMailAddress", "ProprietaryFileReference",
    "ProprietaryFloat",   "ProprietaryHEXColor",    "ProprietaryInteger",      "ProprietaryLanguage",
    "ProprietaryPhoneNumber", "ProprietaryString",  "ProprietaryURL",          "ProprietaryJSON",
    "ProprietaryXML",     "Consent"};

// Component, hint, attribute and query classes ts-serval registers next to the value types.
constexpr std::array<std::string_view, 25> kOtherAttributeClasses = {
    "Street", "City", "Country", "State", "ZipCode", "HouseNumber", "BirthDay", "BirthMonth", "BirthYear",
    "BirthCity", "BirthCountry", "BirthState", "AffiliationRole", "AffiliationOrganization", "AffiliationUnit",
    "ValueHints", "ValueHintsOverride", "ValueHintsValue", "RenderHints", "IdentityAttribute",
    "RelationshipAttribute", "IdentityAttributeQuery", "RelationshipAttributeQuery",
    "ThirdPartyRelationshipAttributeQuery", "IQLQuery"};

struct Registry {
  std::vector<std::unique_ptr<ValueType>> owned;
  std::vector<const ValueType*> ordered;
};

const Registry& GetRegistry() {
  static const Registry registry = [] {
    Registry r;
    for (auto group : {groups::NameValueTypes, groups::IdentityValueTypes, groups::PersonValueTypes,
                       groups::CommunicationValueTypes, groups::AddressValueTypes, groups::BirthValueTypes,
                       groups::AffiliationValueTypes, groups::FinanceValueTypes, groups::CredentialValueTypes,
                       groups::ProprietaryValueTypes, groups::RelationshipValueTypes}) {
      for (auto& type : group()) r.owned.push_back(std::make_unique<ValueType>(std::move(type)));
    }
    auto add_in_order = [&r](auto names) {
      for (auto name : names) {
        for (const auto& t : r.owned) {
          if (t->name == name) r.ordered.push_back(t.get());
        }
      }
    };
    add_in_order(kIdentityClasses);
    add_in_order(kRelationshipClasses);
    return r;
  }();
  return registry;
}

}  // namespace

const std::vector<const ValueType*>& AllValueTypes() { return GetRegistry().ordered; }

const ValueType* FindValueType(std::string_view name) {
  for (const auto* t : AllValueTypes()) {
    if (t->name == name) return t;
  }
  return nullptr;
}

const ValueType* FindValueType(std::string_view name, AttributeKind kind) {
  const auto* t = FindValueType(name);
  return t != nullptr && t->kind == kind ? t : nullptr;
}

std::span<const std::string_view> IdentityValueTypeNames() { return kIdentityTypeNames; }

std::string IdentityValueTypeNamesStringified() {
  std::string out = "[";
  for (std::size_t i = 0; i < kIdentityTypeNames.size(); ++i) {
    if (i > 0) out += ",";
    out += "\"" + std::string(kIdentityTypeNames[i]) + "\"";
  }
  return out + "]";
}

std::string UnionTypeList(AttributeKind kind) {
  std::string out = "(";
  bool first = true;
  for (const auto* t : AllValueTypes()) {
    if (t->kind != kind) continue;
    if (!first) out += "|";
    out += t->name;
    first = false;
  }
  return out + ")";
}

bool IsKnownAttributeClass(std::string_view type) {
  return FindValueType(type) != nullptr ||
         std::find(kOtherAttributeClasses.begin(), kOtherAttributeClasses.end(), type) != kOtherAttributeClasses.end();
}

}  // namespace nmshd::content
