// person/: Citizenship and Nationality (ISO 3166 alpha-2), JobTitle, Sex (intersex, female, male)
// and, since runtime 7.5, MaritalStatus.
#include "content/property_checks.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

std::vector<ValueType> PersonValueTypes() {
  std::vector<ValueType> types;
  // AbstractCountry replaces AbstractString's rule: no length limit, only the enum.
  types.push_back(Simple("Citizenship", ValueProperty{.name = "value", .custom = checks::Country}));
  types.push_back(Simple("JobTitle", StringValue()));
  types.push_back(Simple("Nationality", ValueProperty{.name = "value", .custom = checks::Country}));
  types.push_back(Simple("Sex", ValueProperty{.name = "value", .custom = checks::Sex}));
  auto marital = Simple("MaritalStatus", ValueProperty{.name = "value", .custom = checks::MaritalStatus});
  marital.in_content_7_0_0 = false;
  types.push_back(std::move(marital));
  return types;
}

}  // namespace nmshd::content::groups
