// identity/: DisplayName, IdentityFileReference (a file reference, 30-150 characters),
// SchematizedXML (XML up to 50000 characters, optional schema URL) and, since runtime 7.5,
// SchematizedJSON (any JSON up to 4096 characters stringified, optional schema URL).
#include "content/property_checks.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

namespace {

ValueProperty SchemaUrl() {
  return ValueProperty{.name = "schemaURL",
                       .kind = PropertyKind::kString,
                       .optional = true,
                       .min_length = 3,
                       .max_length = 1024,
                       .pattern = &kSchemaUrlPattern};
}

}  // namespace

std::vector<ValueType> IdentityValueTypes() {
  std::vector<ValueType> types;
  types.push_back(Simple("DisplayName", StringValue()));
  types.push_back(Simple("IdentityFileReference",
                         ValueProperty{.name = "value", .min_length = 30, .max_length = 150}));

  ValueType xml;
  xml.name = "SchematizedXML";
  xml.properties = {SchemaUrl(), StringValue(50000)};
  xml.schema_order = {"value", "schemaURL"};
  types.push_back(std::move(xml));

  ValueType json;
  json.name = "SchematizedJSON";
  json.in_content_7_0_0 = false;
  json.properties = {
      ValueProperty{.name = "value", .kind = PropertyKind::kAnyJson, .custom = checks::JsonUpTo4096, .schema = SchemaType::kAny},
      SchemaUrl()};
  types.push_back(std::move(json));
  return types;
}

}  // namespace nmshd::content::groups
