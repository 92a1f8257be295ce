// verifiableCredentials/ (runtime 7.5, not in 7.0.0): VerifiableCredential {value (a string or an
// object, at most 52428800 characters stringified), type, displayInformation?,
// displayInformationCachedImages?}. The two display lists are passed through as given.
#include "content/property_checks.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

std::vector<ValueType> CredentialValueTypes() {
  ValueType credential;
  credential.name = "VerifiableCredential";
  credential.in_content_7_0_0 = false;
  credential.properties = {
      ValueProperty{.name = "value",
                    .kind = PropertyKind::kAnyJson,
                    .custom = checks::JsonUpTo50MiB,
                    .schema = SchemaType::kStringOrObject},
      ValueProperty{.name = "type", .optional = true, .required_by_schema = true},
      ValueProperty{.name = "displayInformation",
                    .kind = PropertyKind::kAnyJson,
                    .optional = true,
                    .schema = SchemaType::kArrayOfObjects},
      ValueProperty{.name = "displayInformationCachedImages",
                    .kind = PropertyKind::kAnyJson,
                    .optional = true,
                    .schema = SchemaType::kArrayOfObjects}};
  return {std::move(credential)};
}

}  // namespace nmshd::content::groups
