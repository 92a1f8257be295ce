// address/: StreetAddress, PostOfficeBoxAddress, DeliveryBoxAddress. AbstractAddress adds the
// recipient (own string, at most 100 characters) after the subclass's properties; street, houseNo,
// zipCode, city and state are components of at most 100 characters, country an ISO 3166 alpha-2
// code, DeliveryBoxAddress.phoneNumber a PhoneNumber.
#include "content/property_checks.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

namespace {

ValueProperty Text100(std::string_view name) {
  return ValueProperty{.name = name, .kind = PropertyKind::kString, .max_length = 100};
}
ValueProperty CountryValue() { return ValueProperty{.name = "value", .custom = checks::Country}; }

}  // namespace

std::vector<ValueType> AddressValueTypes() {
  std::vector<ValueType> types;

  ValueType street;
  street.name = "StreetAddress";
  street.properties = {Component("street", "Street", StringValue()),
                       Component("houseNo", "HouseNumber", StringValue()),
                       Component("zipCode", "ZipCode", StringValue()),
                       Component("city", "City", StringValue()),
                       Component("country", "Country", CountryValue()),
                       Component("state", "State", StringValue(), true),
                       Text100("recipient")};
  street.schema_order = {"recipient", "street", "houseNo", "zipCode", "city", "country", "state"};
  types.push_back(std::move(street));

  ValueType box;
  box.name = "PostOfficeBoxAddress";
  box.properties = {Text100("boxId"),
                    Component("zipCode", "ZipCode", StringValue()),
                    Component("city", "City", StringValue()),
                    Component("country", "Country", CountryValue()),
                    Component("state", "State", StringValue(), true),
                    Text100("recipient")};
  box.schema_order = {"recipient", "boxId", "zipCode", "city", "country", "state"};
  types.push_back(std::move(box));

  ValueType delivery;
  delivery.name = "DeliveryBoxAddress";
  delivery.properties = {Text100("userId"),
                         Text100("deliveryBoxId"),
                         Component("zipCode", "ZipCode", StringValue()),
                         Component("city", "City", StringValue()),
                         Component("country", "Country", CountryValue()),
                         Component("phoneNumber", "PhoneNumber", PhoneValue(), true),
                         Component("state", "State", StringValue(), true),
                         Text100("recipient")};
  delivery.schema_order = {"recipient", "userId", "deliveryBoxId", "zipCode",
                           "city",      "country", "phoneNumber",   "state"};
  types.push_back(std::move(delivery));
  return types;
}

}  // namespace nmshd::content::groups
