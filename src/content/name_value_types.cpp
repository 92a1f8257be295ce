// name/: free-text names, AbstractString (at most 100 characters).
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

ValueProperty StringValue(std::size_t max_length) {
  return ValueProperty{.name = "value", .kind = PropertyKind::kString, .max_length = max_length};
}

ValueProperty Component(std::string_view name, std::string_view component_class, ValueProperty component_value,
                        bool optional) {
  component_value.name = name;
  component_value.component = component_class;
  component_value.optional = optional;
  return component_value;
}

ValueType Simple(std::string_view name, ValueProperty value, AttributeKind kind) {
  ValueType type;
  type.name = name;
  type.kind = kind;
  type.properties.push_back(std::move(value));
  return type;
}

std::vector<ValueType> NameValueTypes() {
  std::vector<ValueType> types;
  for (std::string_view name :
       {"BirthName", "GivenName", "HonorificPrefix", "HonorificSuffix", "MiddleName", "Pseudonym", "Surname"}) {
    types.push_back(Simple(name, StringValue()));
  }
  return types;
}

}  // namespace nmshd::content::groups
