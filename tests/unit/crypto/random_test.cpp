// RandomString: ids and secrets drawn from an alphabet, every symbol equally likely.
#include "crypto/random.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace nmshd::crypto {
namespace {

TEST(RandomString, HasTheLengthAndOnlySymbolsOfTheAlphabet) {
  const std::string alphabet = "abc0123456789XYZ";
  for (std::size_t length : {0u, 1u, 17u, 64u, 65u, 300u}) {
    const auto s = RandomString(length, alphabet);
    ASSERT_EQ(s.size(), length);
    for (char c : s) EXPECT_NE(alphabet.find(c), std::string::npos) << c;
  }
  EXPECT_NE(RandomString(20, alphabet), RandomString(20, alphabet));
}

// With 200 symbols a plain `byte % 200` would give the first 56 symbols (bytes 200..255 folded onto
// them) twice the weight: 43.75% of all draws instead of 28%.
TEST(RandomString, HasNoModuloBias) {
  std::string alphabet;  // 200 distinct byte values, symbol i is char(i + 28)
  for (int i = 0; i < 200; ++i) alphabet.push_back(static_cast<char>(i + 28));
  const auto s = RandomString(200000, alphabet);
  std::size_t low = 0;
  std::set<char> seen;
  for (char c : s) {
    const auto index = static_cast<unsigned char>(c) - 28u;
    if (index < 56) ++low;
    seen.insert(c);
  }
  const double share = static_cast<double>(low) / static_cast<double>(s.size());
  EXPECT_NEAR(share, 0.28, 0.01);
  EXPECT_EQ(seen.size(), 200u);
}

TEST(RandomString, RefusesAnEmptyAlphabet) { EXPECT_THROW(RandomString(5, ""), std::invalid_argument); }

}  // namespace
}  // namespace nmshd::crypto
