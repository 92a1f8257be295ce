#include "content/bank_account_checks.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "content/code_lists.h"

namespace nmshd::content {
namespace {

// Country, IBAN length, BBAN structure in the IBAN registry's notation: <count><kind>, kind n =
// digits, a = upper-case letters, c = digits or upper-case letters.
struct IbanCountry {
  std::string_view country;
  std::size_t length;
  std::string_view bban;
};

constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24, "8n12c"},    {"AE", 23, "19n"},      {"AL", 28, "8n16c"},     {"AO", 25, "21n"},
    {"AT", 20, "16n"},      {"AX", 18, "14n"},      {"AZ", 28, "4a20c"},     {"BA", 20, "16n"},
    {"BE", 16, "12n"},      {"BF", 28, "2c22n"},    {"BG", 22, "4a6n8c"},    {"BH", 22, "4a14c"},
    {"BI", 27, "23n"},      {"BJ", 28, "2c22n"},    {"BL", 27, "10n11c2n"},  {"BR", 29, "23n1a1c"},
    {"BY", 28, "4a4n16c"},  {"CF", 27, "23n"},      {"CG", 27, "23n"},       {"CH", 21, "5n12c"},
    {"CI", 28, "1a23n"},    {"CM", 27, "23n"},      {"CR", 22, "18n"},       {"CV", 25, "21n"},
    {"CY", 28, "8n16c"},    {"CZ", 24, "20n"},      {"DE", 22, "18n"},       {"DJ", 27, "23n"},
    {"DK", 18, "14n"},      {"DO", 28, "4a20n"},    {"DZ", 26, "22n"},       {"EE", 20, "16n"},
    {"EG", 29, "25n"},      {"ES", 24, "20n"},      {"FI", 18, "14n"},       {"FO", 18, "14n"},
    {"FR", 27, "10n11c2n"}, {"GA", 27, "23n"},      {"GB", 22, "4a14n"},     {"GE", 22, "2c16n"},
    {"GF", 27, "10n11c2n"}, {"GI", 23, "4a15c"},    {"GL", 18, "14n"},       {"GP", 27, "10n11c2n"},
    {"GQ", 27, "23n"},      {"GR", 27, "7n16c"},    {"GT", 28, "24c"},       {"GW", 25, "2a19n"},
    {"HN", 28, "4a20n"},    {"HR", 21, "17n"},      {"HU", 28, "24n"},       {"IE", 22, "4c14n"},
    {"IL", 23, "19n"},      {"IQ", 23, "4a15n"},    {"IR", 26, "22n"},       {"IS", 26, "22n"},
    {"IT", 27, "1a10n12c"}, {"JO", 30, "4a4n18c"},  {"KM", 27, "23n"},       {"KW", 30, "4a22c"},
    {"KZ", 20, "3n13c"},    {"LB", 28, "4n20c"},    {"LC", 32, "4a24c"},     {"LI", 21, "5n12c"},
    {"LT", 20, "16n"},      {"LU", 20, "3n13c"},    {"LV", 21, "4a13c"},     {"LY", 25, "21n"},
    {"MA", 28, "24n"},      {"MC", 27, "10n11c2n"}, {"MD", 24, "20c"},       {"ME", 22, "18n"},
    {"MF", 27, "10n11c2n"}, {"MG", 27, "23n"},      {"MK", 19, "3n10c2n"},   {"ML", 28, "2c22n"},
    {"MQ", 27, "10n11c2n"}, {"MR", 27, "23n"},      {"MT", 31, "4a5n18c"},   {"MU", 30, "4a19n3a"},
    {"MZ", 25, "21n"},      {"NC", 27, "10n11c2n"}, {"NE", 28, "2a22n"},     {"NI", 32, "4a24n"},
    {"NL", 18, "4a10n"},    {"NO", 15, "11n"},      {"PF", 27, "10n11c2n"},  {"PK", 24, "4c16n"},
    {"PL", 28, "24n"},      {"PM", 27, "10n11c2n"}, {"PS", 29, "4c21n"},     {"PT", 25, "21n"},
    {"QA", 29, "4a21c"},    {"RE", 27, "10n11c2n"}, {"RO", 24, "4a16c"},     {"RS", 22, "18n"},
    {"SA", 24, "2n18c"},    {"SC", 31, "4a20n3a"},  {"SE", 24, "20n"},       {"SI", 19, "15n"},
    {"SK", 24, "20n"},      {"SM", 27, "1a10n12c"}, {"SN", 28, "2a22n"},     {"ST", 25, "21n"},
    {"SV", 28, "4a20n"},    {"TD", 27, "23n"},      {"TF", 27, "10n11c2n"},  {"TG", 28, "2a22n"},
    {"TL", 23, "19n"},      {"TN", 24, "20n"},      {"TR", 26, "5n17c"},     {"UA", 29, "6n19c"},
    {"VA", 22, "18n"},      {"VG", 24, "4c16n"},    {"WF", 27, "10n11c2n"},  {"XK", 20, "16n"},
    {"YT", 27, "10n11c2n"}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlpha(char c) { return IsUpper(c) || (c >= 'a' && c <= 'z'); }

bool MatchesStructure(std::string_view bban, std::string_view structure) {
  std::size_t pos = 0;
  std::size_t i = 0;
  while (i < structure.size()) {
    std::size_t count = 0;
    while (i < structure.size() && IsDigit(structure[i])) count = count * 10 + static_cast<std::size_t>(structure[i++] - '0');
    const char kind = structure[i++];
    for (std::size_t k = 0; k < count; ++k, ++pos) {
      if (pos >= bban.size()) return false;
      const char c = bban[pos];
      const bool ok = kind == 'n' ? IsDigit(c) : kind == 'a' ? IsUpper(c) : (IsDigit(c) || IsUpper(c));
      if (!ok) return false;
    }
  }
  return pos == bban.size();
}

// ISO 7064 MOD 97-10 over BBAN + country + "00", letters as 10..35.
int Mod97(std::string_view bban, std::string_view country) {
  int rest = 0;
  auto feed = [&rest](char c) {
    if (IsDigit(c)) {
      rest = (rest * 10 + (c - '0')) % 97;
    } else {
      const int v = c - 'A' + 10;
      rest = (rest * 100 + v) % 97;
    }
  };
  for (char c : bban) feed(c);
  for (char c : country) feed(c);
  feed('0');
  feed('0');
  return rest;
}

}  // namespace

bool IsValidIban(std::string_view iban) {
  if (iban.size() < 4) return false;
  const auto country = iban.substr(0, 2);
  const auto* spec = std::find_if(std::begin(kIbanCountries), std::end(kIbanCountries),
                                  [&](const IbanCountry& c) { return c.country == country; });
  if (spec == std::end(kIbanCountries) || iban.size() != spec->length) return false;
  if (!IsDigit(iban[2]) || !IsDigit(iban[3])) return false;
  const auto bban = iban.substr(4);
  if (!MatchesStructure(bban, spec->bban)) return false;
  const int check_digits = (iban[2] - '0') * 10 + (iban[3] - '0');
  return 98 - Mod97(bban, country) == check_digits;
}

bool IsValidBic(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) return false;
  for (std::size_t i = 0; i < bic.size(); ++i) {
    const bool ok = i < 6 ? IsAlpha(bic[i]) : (IsAlpha(bic[i]) || IsDigit(bic[i]));
    if (!ok) return false;
  }
  std::string country(bic.substr(4, 2));
  for (auto& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return IsCountryAlpha2(country) || country == "XK";
}

}  // namespace nmshd::content
