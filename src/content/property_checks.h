#pragma once
// The customValidators of the value classes (ts-serval `@validate({customValidator})`), with the
// official reasons. Each receives the property's JSON value after the type and string rules passed.
#include <boost/json.hpp>
#include <optional>
#include <string>

namespace nmshd::content::checks {

// JavaScript's Number.isInteger for a JSON number (false for anything else).
bool IsInteger(const boost::json::value& v);

std::optional<std::string> Country(const boost::json::value& v);        // CountryAlpha2
std::optional<std::string> Language(const boost::json::value& v);       // LanguageISO639
std::optional<std::string> Sex(const boost::json::value& v);            // intersex, female, male
std::optional<std::string> MaritalStatus(const boost::json::value& v);  // the 8 values of runtime 7.5
std::optional<std::string> Integer(const boost::json::value& v);        // AbstractInteger
std::optional<std::string> Day(const boost::json::value& v);            // AbstractDay 1..31
std::optional<std::string> Month(const boost::json::value& v);          // AbstractMonth 1..12
std::optional<std::string> Year(const boost::json::value& v);           // AbstractYear 1..9999
std::optional<std::string> Iban(const boost::json::value& v);           // BankAccount.iban
std::optional<std::string> Bic(const boost::json::value& v);            // BankAccount.bic
// ProprietaryJSON.value and SchematizedJSON.value: JSON.stringify(value).length <= 4096.
std::optional<std::string> JsonUpTo4096(const boost::json::value& v);
// VerifiableCredential.value: JSON.stringify(value).length <= 52428800.
std::optional<std::string> JsonUpTo50MiB(const boost::json::value& v);
// RelationshipAttribute.confidentiality: public, protected, private.
std::optional<std::string> Confidentiality(const boost::json::value& v);

}  // namespace nmshd::content::checks
