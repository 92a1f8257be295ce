#pragma once
// The value type descriptions, one function per folder of @nmshd/content attributes/types
// (name, identity, person, communication, address, birth, affiliation, finance,
// verifiableCredentials, proprietary, relationship). value_types.cpp puts them in the official order.
#include <vector>

#include "content/value_type.h"

namespace nmshd::content::groups {

std::vector<ValueType> NameValueTypes();           // BirthName, GivenName, HonorificPrefix/Suffix, MiddleName, Pseudonym, Surname
std::vector<ValueType> IdentityValueTypes();       // DisplayName, IdentityFileReference, SchematizedXML, SchematizedJSON
std::vector<ValueType> PersonValueTypes();         // Citizenship, JobTitle, Nationality, Sex, MaritalStatus
std::vector<ValueType> CommunicationValueTypes();  // CommunicationLanguage, EMailAddress, FaxNumber, PhoneNumber, Website
std::vector<ValueType> AddressValueTypes();        // StreetAddress, PostOfficeBoxAddress, DeliveryBoxAddress
std::vector<ValueType> BirthValueTypes();          // BirthDate, BirthPlace
std::vector<ValueType> AffiliationValueTypes();    // Affiliation
std::vector<ValueType> FinanceValueTypes();        // BankAccount
std::vector<ValueType> CredentialValueTypes();     // VerifiableCredential
std::vector<ValueType> ProprietaryValueTypes();    // the 13 Proprietary* types
std::vector<ValueType> RelationshipValueTypes();   // Consent

// Shared building blocks: AbstractString's `value` (at most 100 characters) and a component
// property of a complex type, checked by the `value` rule of its component class.
ValueProperty StringValue(std::size_t max_length = 100);
ValueProperty Component(std::string_view name, std::string_view component_class, ValueProperty component_value,
                        bool optional = false);

// A simple value type whose only property is `value`.
ValueType Simple(std::string_view name, ValueProperty value, AttributeKind kind = AttributeKind::kIdentity);

// The `value` rules shared by identity and proprietary types (communication_value_types.cpp).
ValueProperty EMailValue();     // 3-254 characters, e-mail pattern
ValueProperty PhoneValue();     // 3-100 characters, phone pattern
ValueProperty UrlValue();       // 3-1024 characters, URL pattern
ValueProperty LanguageValue();  // 2 characters, ISO 639-1

}  // namespace nmshd::content::groups
