// affiliation/: Affiliation {organization, role?, unit?}, each a component of at most 100
// characters (ts-serval parses role first).
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

std::vector<ValueType> AffiliationValueTypes() {
  ValueType affiliation;
  affiliation.name = "Affiliation";
  affiliation.properties = {Component("role", "AffiliationRole", StringValue(), true),
                            Component("organization", "AffiliationOrganization", StringValue()),
                            Component("unit", "AffiliationUnit", StringValue(), true)};
  affiliation.schema_order = {"organization", "role", "unit"};
  return {std::move(affiliation)};
}

}  // namespace nmshd::content::groups
