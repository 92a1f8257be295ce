#pragma once
// The closed lists of @nmshd/core-types 7.0.0 the value types validate against, in their enum
// order (the "must be one of: …" messages list them in that order): ISO 3166-1 alpha-2 countries
// (CountryAlpha2) and ISO 639-1 languages (LanguageISO639).
#include <span>
#include <string>
#include <string_view>

namespace nmshd::content {

std::span<const std::string_view> CountryAlpha2Codes();
bool IsCountryAlpha2(std::string_view code);

std::span<const std::string_view> LanguageIso639Codes();
bool IsLanguageIso639(std::string_view code);

// The entries joined with ',' (JavaScript's `${array}`).
std::string JoinedWithCommas(std::span<const std::string_view> entries);

}  // namespace nmshd::content
