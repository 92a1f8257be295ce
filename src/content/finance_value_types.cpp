// finance/ (runtime 7.5, not in 7.0.0): BankAccount {accountHolder, iban, bic?}
// (bank_account_checks.h).
#include "content/property_checks.h"
#include "content/value_type_groups.h"

namespace nmshd::content::groups {

std::vector<ValueType> FinanceValueTypes() {
  ValueType account;
  account.name = "BankAccount";
  account.in_content_7_0_0 = false;
  account.properties = {
      ValueProperty{.name = "accountHolder", .max_length = 100},
      ValueProperty{.name = "iban", .min_length = 14, .max_length = 34, .custom = checks::Iban},
      ValueProperty{.name = "bic", .optional = true, .min_length = 8, .max_length = 11, .custom = checks::Bic}};
  return {std::move(account)};
}

}  // namespace nmshd::content::groups
