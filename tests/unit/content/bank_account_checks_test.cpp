// IBAN (country, length, structure, MOD 97-10) and BIC checks of BankAccount.
#include "content/bank_account_checks.h"

#include <gtest/gtest.h>

namespace nmshd::content {
namespace {

TEST(BankAccountChecks, ValidIbans) {
  for (const char* iban : {"DE89370400440532013000", "GB29NWBK60161331926819", "NL91ABNA0417164300",
                           "FR1420041010050500013M02606", "AT611904300234573201", "CH9300762011623852957",
                           "NO9386011117947", "MT84MALT011000012345MTLCAST001S"}) {
    EXPECT_TRUE(IsValidIban(iban)) << iban;
  }
}

TEST(BankAccountChecks, InvalidIbans) {
  for (const char* iban : {"DE89370400440532013001",   // check digits
                           "DE8937040044053201300",    // length of DE is 22
                           "XX89370400440532013000",   // no IBAN country
                           "de89370400440532013000",   // country in lower case
                           "DE8937040044053201300A",   // DE's BBAN is digits only
                           "GB29nwbk60161331926819",   // letters must be upper case
                           "DEAB370400440532013000",   // check digits must be digits
                           "DE", ""}) {
    EXPECT_FALSE(IsValidIban(iban)) << iban;
  }
}

TEST(BankAccountChecks, Bics) {
  for (const char* bic : {"COBADEFFXXX", "NWBKGB2L", "cobadeff", "DEUTDEFF500"}) EXPECT_TRUE(IsValidBic(bic)) << bic;
  for (const char* bic : {"COBA DEFF", "COBADEF", "C0BADEFF", "COBAXXFF", "COBADEFFXX", "COBADEFF_XX"}) {
    EXPECT_FALSE(IsValidBic(bic)) << bic;
  }
}

}  // namespace
}  // namespace nmshd::content
