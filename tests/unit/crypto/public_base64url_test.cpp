// The fast public-data codec must accept and produce exactly what libsodium's URLSAFE_NO_PADDING
// codec does (the official library's CoreBuffer.toBase64URL / fromBase64URL use libsodium).
#include <random>

#include "crypto/public_base64url.h"
#include "test_util.h"

namespace nmshd::crypto::test {
namespace {

std::optional<Bytes> SodiumDecode(std::string_view text) {
  try {
    return base64::DecodeUrlNoPad(text);
  } catch (const CodedError&) {
    return std::nullopt;
  }
}

TEST(PublicBase64Url, EncodesLikeLibsodiumForAllLengths) {
  std::mt19937 rng(42);
  for (std::size_t len = 0; len < 300; ++len) {
    Bytes b(len);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    const std::string enc = public_base64url::Encode(b);
    ASSERT_EQ(enc, base64::EncodeUrlNoPad(b)) << len;
    ASSERT_EQ(public_base64url::Decode(enc), b) << len;
  }
}

TEST(PublicBase64Url, AcceptsAndRejectsExactlyLikeLibsodium) {
  std::mt19937 rng(7);
  const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= \n*";
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 12, 'A');
    for (auto& ch : s) ch = chars[rng() % (i % 2 == 0 ? 64 : chars.size())];
    const auto ours = public_base64url::Decode(s);
    ASSERT_EQ(ours, SodiumDecode(s)) << '"' << s << '"';
    accepted += ours ? 1 : 0;
  }
  EXPECT_GT(accepted, 1000);  // both branches were exercised
  EXPECT_FALSE(public_base64url::Decode("AB"));  // non-zero unused bits
  EXPECT_EQ(public_base64url::Decode("AA"), Bytes{0});
  EXPECT_FALSE(public_base64url::Decode("AAAAA"));
  EXPECT_FALSE(public_base64url::Decode("AA=="));
}

}  // namespace
}  // namespace nmshd::crypto::test
