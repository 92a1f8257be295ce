#pragma once
// The IBAN and BIC checks of BankAccount (runtime 7.5: `ibantools` isValidIBAN / isValidBIC):
//   IBAN: a country with IBANs, the length of that country, two check digits, the country's BBAN
//         structure (digits / upper-case letters / both at fixed positions) and ISO 7064 MOD 97-10.
//   BIC:  4 letters bank + 2 letters country + 2 alphanumerics location + optional 3 alphanumerics
//         branch, any case; the country must be one ibantools knows (ISO 3166 alpha-2 or XK).
// Deliberate difference: the national account check digits ibantools verifies for a few countries
// (BE, CZ, EE, ES, FI, FR, HR, HU, NL, NO, PL and the MOD 97 ones of BA, ME, MK, PT, RS, SI) are not
// checked here; such an IBAN with a correct MOD 97 passes.
#include <string_view>

namespace nmshd::content {

bool IsValidIban(std::string_view iban);
bool IsValidBic(std::string_view bic);

}  // namespace nmshd::content
