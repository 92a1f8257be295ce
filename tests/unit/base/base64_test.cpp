#include "base/base64.h"

#include <gtest/gtest.h>

#include "base/coded_error.h"

namespace nmshd {
namespace {

base64::Bytes B(std::initializer_list<int> v) {
  base64::Bytes out;
  for (int x : v) out.push_back(static_cast<std::uint8_t>(x));
  return out;
}

// The same bytes @nmshd/crypto's CoreBuffer shows in ts-peer.md §5: [fb ff fe].
TEST(Base64, MatchesCoreBufferVariants) {
  auto bytes = B({0xfb, 0xff, 0xfe});
  EXPECT_EQ(base64::EncodeStandard(bytes), "+//+");
  EXPECT_EQ(base64::EncodeUrlNoPad(bytes), "-__-");
  EXPECT_EQ(base64::EncodeStandard(B({1})), "AQ==");
  EXPECT_EQ(base64::EncodeUrlNoPad(B({1})), "AQ");
  EXPECT_EQ(base64::EncodeUrlNoPad(base64::Bytes{}), "");
}

TEST(Base64, RoundTripsAllLengths) {
  base64::Bytes bytes;
  for (int i = 0; i < 70; ++i) {
    EXPECT_EQ(base64::DecodeUrlNoPad(base64::EncodeUrlNoPad(bytes)), bytes);
    EXPECT_EQ(base64::DecodeStandard(base64::EncodeStandard(bytes)), bytes);
    EXPECT_EQ(base64::DecodeAny(base64::EncodeStandard(bytes)), bytes);
    EXPECT_EQ(base64::DecodeAny(base64::EncodeUrlNoPad(bytes)), bytes);
    bytes.push_back(static_cast<std::uint8_t>(i * 37 + 11));
  }
}

TEST(Base64, NormalizingGivesTheCanonicalUrlFormOfAnyAcceptedInput) {
  base64::Bytes bytes;
  for (int i = 0; i < 70; ++i) {
    for (const auto& text : {base64::EncodeStandard(bytes), base64::EncodeUrlNoPad(bytes)}) {
      std::size_t size = 99;
      EXPECT_EQ(base64::NormalizeToUrlNoPad(text, size), base64::EncodeUrlNoPad(bytes)) << text;
      EXPECT_EQ(size, bytes.size());
    }
    bytes.push_back(static_cast<std::uint8_t>(i * 37 + 251));
  }
  std::size_t size = 0;
  // Unused bits that are not zero would make the text differ from the bytes' encoding: refused.
  EXPECT_THROW(base64::NormalizeToUrlNoPad("AB", size), CodedError);
  EXPECT_THROW(base64::NormalizeToUrlNoPad("AQ=B", size), CodedError);
  EXPECT_THROW(base64::NormalizeToUrlNoPad("AQ===", size), CodedError);
}

TEST(Base64, StrictVariantsRejectTheOtherAlphabet) {
  EXPECT_THROW(base64::DecodeUrlNoPad("+//+"), CodedError);
  EXPECT_THROW(base64::DecodeUrlNoPad("AQ=="), CodedError);
  EXPECT_THROW(base64::DecodeStandard("-__-"), CodedError);
  EXPECT_THROW(base64::DecodeStandard("AQ"), CodedError);  // padding required
}

TEST(Base64, MalformedInputNamesTheProblem) {
  for (const char* bad : {"A", "AB$C", "ABC D", "ABCDE", "====", "AQ==="}) {
    try {
      base64::DecodeAny(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const CodedError& e) {
      EXPECT_EQ(e.code(), "error.base.invalidBase64") << bad;
    }
  }
}

}  // namespace
}  // namespace nmshd
