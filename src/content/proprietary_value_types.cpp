// proprietary/: the RelationshipAttribute values. Each has a title (at most 100 characters), an
// optional description (at most 1000) and, except ProprietaryJSON, an optional valueHintsOverride,
// before the value of its base type.
#include "content/property_checks.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

namespace {

ValueType Proprietary(std::string_view name, ValueProperty value, bool value_hints = true,
                      std::vector<ValueProperty> extra = {}) {
  ValueType type;
  type.name = name;
  type.kind = AttributeKind::kRelationship;
  type.properties.push_back(ValueProperty{.name = "title", .max_length = 100});
  type.properties.push_back(ValueProperty{.name = "description", .optional = true, .max_length = 1000});
  for (auto& p : extra) type.properties.push_back(std::move(p));
  if (value_hints) {
    type.properties.push_back(
        ValueProperty{.name = "valueHintsOverride", .kind = PropertyKind::kValueHintsOverride, .optional = true});
  }
  type.properties.push_back(std::move(value));
  return type;
}

}  // namespace

std::vector<ValueType> ProprietaryValueTypes() {
  std::vector<ValueType> types;
  types.push_back(Proprietary("ProprietaryBoolean", ValueProperty{.name = "value", .kind = PropertyKind::kBoolean}));
  types.push_back(Proprietary("ProprietaryCountry", ValueProperty{.name = "value", .custom = checks::Country}));
  types.push_back(Proprietary("ProprietaryEMailAddress", EMailValue()));
  types.push_back(
      Proprietary("ProprietaryFileReference", ValueProperty{.name = "value", .min_length = 30, .max_length = 150}));
  types.push_back(Proprietary("ProprietaryFloat", ValueProperty{.name = "value", .kind = PropertyKind::kNumber}));
  types.push_back(Proprietary("ProprietaryHEXColor", ValueProperty{.name = "value",
                                                                   .min_length = 4,
                                                                   .max_length = 9,
                                                                   .pattern = &kHexColorPattern}));
  types.push_back(Proprietary("ProprietaryInteger",
                              ValueProperty{.name = "value", .kind = PropertyKind::kNumber, .custom = checks::Integer}));
  types.push_back(Proprietary("ProprietaryLanguage", LanguageValue()));
  types.push_back(Proprietary("ProprietaryPhoneNumber", PhoneValue()));
  types.push_back(Proprietary("ProprietaryString", StringValue()));
  types.push_back(Proprietary("ProprietaryURL", UrlValue()));
  types.push_back(Proprietary(
      "ProprietaryJSON", ValueProperty{.name = "value", .kind = PropertyKind::kAnyJson, .custom = checks::JsonUpTo4096},
      false));
  types.push_back(Proprietary("ProprietaryXML", StringValue(50000), true,
                              {ValueProperty{.name = "schemaURL",
                                             .optional = true,
                                             .min_length = 3,
                                             .max_length = 1024,
                                             .pattern = &kSchemaUrlPattern}}));
  return types;
}

}  // namespace nmshd::content::groups
