// communication/: CommunicationLanguage (ISO 639-1), EMailAddress, FaxNumber and PhoneNumber,
// Website (a URL).
#include "content/property_checks.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

ValueProperty EMailValue() {
  return ValueProperty{.name = "value", .min_length = 3, .max_length = 254, .pattern = &kEMailAddressPattern};
}
ValueProperty PhoneValue() {
  return ValueProperty{.name = "value", .min_length = 3, .max_length = 100, .pattern = &kPhoneNumberPattern};
}
ValueProperty UrlValue() {
  return ValueProperty{.name = "value", .min_length = 3, .max_length = 1024, .pattern = &kUrlPattern};
}
ValueProperty LanguageValue() {
  return ValueProperty{.name = "value", .min_length = 2, .max_length = 2, .custom = checks::Language};
}

std::vector<ValueType> CommunicationValueTypes() {
  std::vector<ValueType> types;
  types.push_back(Simple("CommunicationLanguage", LanguageValue()));
  types.push_back(Simple("EMailAddress", EMailValue()));
  types.push_back(Simple("FaxNumber", PhoneValue()));
  types.push_back(Simple("PhoneNumber", PhoneValue()));
  types.push_back(Simple("Website", UrlValue()));
  return types;
}

}  // namespace nmshd::content::groups
