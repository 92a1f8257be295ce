#include "core/shared_password_protection.h"

#include <gtest/gtest.h>

#include "base/base64.h"
#include "crypto/random.h"
#include "unit/core/expect_code.h"

namespace nmshd::core {
namespace {

using nmshd::testing::CodeOf;

std::vector<std::uint8_t> Salt() {
  std::vector<std::uint8_t> s(16);
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<std::uint8_t>(i * 17 + 250);
  return s;
}

TEST(SharedPasswordProtection, TruncatesInTheOfficialForms) {
  const std::string salt_b64 = base64::EncodeStandard(Salt());
  ASSERT_EQ(salt_b64.size(), 24u);  // 16 bytes, standard alphabet, "==" padding
  EXPECT_EQ(salt_b64.substr(22), "==");
  EXPECT_EQ(SharedPasswordProtection("pw", Salt()).Truncate(), "pw&" + salt_b64);
  EXPECT_EQ(SharedPasswordProtection("pin6", Salt(), 3).Truncate(), "pin6&" + salt_b64 + "&3");
  EXPECT_EQ(SharedPasswordProtection("pin16", Salt(), 0).Truncate(), "pin16&" + salt_b64 + "&0");
  EXPECT_EQ(SharedPasswordProtection("pw", Salt(), std::nullopt, "secret").Truncate(),
            "pw&" + salt_b64 + "&&secret");
  EXPECT_EQ(SharedPasswordProtection("pin4", Salt(), 99, "1234").Truncate(),
            "pin4&" + salt_b64 + "&99&1234");
  EXPECT_EQ(SharedPasswordProtection("pw", Salt(), std::nullopt, "").Truncate(), "pw&" + salt_b64);
}

TEST(SharedPasswordProtection, ParsesWhatItTruncates) {
  const SharedPasswordProtection cases[] = {
      {"pw", Salt()},
      {"pin4", Salt(), 6},
      {"pin10", crypto::RandomBytes(16), 42, "0123456789"},
  };
  for (const auto& p : cases) {
    EXPECT_EQ(SharedPasswordProtection::FromTruncated(p.Truncate()), p) << p.Truncate();
  }
  // A cleartext password containing '&' adds a component; the official parser refuses the result
  // in the same way (the official code only embeds PINs, which are digits).
  SharedPasswordProtection amp("pw", Salt(), std::nullopt, "p&ss");
  EXPECT_EQ(CodeOf([&] { SharedPasswordProtection::FromTruncated(amp.Truncate()); }),
            "error.core.reference.invalidPasswordProtection");
  auto pin = SharedPasswordProtection::FromTruncated("pin12&" + base64::EncodeStandard(Salt()) + "&");
  EXPECT_EQ(pin.pin_length(), 12);
  EXPECT_FALSE(pin.password_location_indicator().has_value());
  EXPECT_EQ(SharedPasswordProtection("pw", Salt()).pin_length(), 0);
}

TEST(SharedPasswordProtection, EveryMalformedPartHasItsCode) {
  const std::string salt = base64::EncodeStandard(Salt());
  const std::pair<std::string, std::string> cases[] = {
      {"pw", "error.core.reference.invalidPasswordProtection"},
      {"pw&" + salt + "&1&x&y", "error.core.reference.invalidPasswordProtection"},
      {"pin3&" + salt, "error.core.reference.invalidPasswordType"},
      {"pin17&" + salt, "error.core.reference.invalidPasswordType"},
      {"pin04&" + salt, "error.core.reference.invalidPasswordType"},
      {"PIN4&" + salt, "error.core.reference.invalidPasswordType"},
      {"pin&" + salt, "error.core.reference.invalidPasswordType"},
      {"password&" + salt, "error.core.reference.invalidPasswordType"},
      {"&" + salt, "error.core.reference.invalidPasswordType"},
      {"pw&" + base64::EncodeStandard(crypto::RandomBytes(15)), "error.core.reference.wrongSaltLength"},
      {"pw&" + base64::EncodeStandard(crypto::RandomBytes(17)), "error.core.reference.wrongSaltLength"},
      {"pw&", "error.core.reference.wrongSaltLength"},
      {"pw&" + base64::EncodeUrlNoPad(std::vector<std::uint8_t>(16, 0xfb)), "error.core.reference.invalidSalt"},
      {"pw&!!!!", "error.core.reference.invalidSalt"},
      {"pw&" + salt + "&100", "error.core.reference.invalidPasswordLocationIndicator"},
      {"pw&" + salt + "&-1", "error.core.reference.invalidPasswordLocationIndicator"},
      {"pw&" + salt + "&x", "error.core.reference.invalidPasswordLocationIndicator"},
      {"pw&" + salt + "&1.5", "error.core.reference.invalidPasswordLocationIndicator"},
  };
  for (const auto& [text, code] : cases) {
    EXPECT_EQ(CodeOf([&] { SharedPasswordProtection::FromTruncated(text); }), code) << text;
  }
}

}  // namespace
}  // namespace nmshd::core
