#include "core/identity_address.h"

#include <gtest/gtest.h>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/hex.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "unit/core/expect_code.h"

namespace nmshd::core {
namespace {

// Public key and address observed from @nmshd/transport 7.0.0 against a stub Backbone on
// 127.0.0.1 (shared/spec/ts-peer.md §3b).
constexpr std::string_view kPeerPublicKey = "U01wUcSCzRNB9iW7G9kI_x2vr2Vh2JwSPHX9GAaz4nk";
constexpr std::string_view kPeerAddress = "did:e:127.0.0.1:dids:b8096ea247a12259bd5baf";

using nmshd::testing::CodeOf;

TEST(IdentityAddress, DerivesTheAddressTheOfficialClientComputed) {
  auto pk = base64::DecodeUrlNoPad(kPeerPublicKey);
  auto address = IdentityAddress::Derive(pk, "127.0.0.1");
  EXPECT_EQ(address.str(), kPeerAddress);
  EXPECT_EQ(address.domain(), "127.0.0.1");
  EXPECT_EQ(address.hash_part(), "b8096ea247a12259bd5b");
  EXPECT_EQ(address.Truncated(), "5baf");
  EXPECT_TRUE(address.MatchesPublicKey(pk));
}

TEST(IdentityAddress, FollowsTheDocumentedAlgorithmForOtherDomains) {
  auto pk = crypto::RandomBytes(32);
  auto sha512 = crypto::Sha512(pk);
  auto h = crypto::Sha256(std::span<const std::uint8_t>(sha512));
  std::string main_part = "did:e:example.org:dids:" + ToHex(std::span(h).first(10));
  auto checksum = crypto::Sha256(main_part);
  auto address = IdentityAddress::Derive(pk, "example.org");
  EXPECT_EQ(address.str(), main_part + ToHex(std::span(checksum).first(1)));
  EXPECT_TRUE(IdentityAddress::IsValidForBackbone(address.str()));
  EXPECT_FALSE(address.MatchesPublicKey(crypto::RandomBytes(32)));
}

TEST(IdentityAddress, ParseRoundTripsAndKeepsTheText) {
  auto parsed = IdentityAddress::Parse(kPeerAddress);
  EXPECT_EQ(parsed.str(), kPeerAddress);
  EXPECT_EQ(parsed, IdentityAddress::Derive(base64::DecodeUrlNoPad(kPeerPublicKey), "127.0.0.1"));
}

TEST(IdentityAddress, BackboneRejectsNumericDomainsTheClientAccepts) {
  EXPECT_TRUE(IdentityAddress::IsValid(kPeerAddress));
  EXPECT_FALSE(IdentityAddress::IsValidForBackbone(kPeerAddress));
  EXPECT_EQ(CodeOf([] { IdentityAddress::ParseForBackbone(kPeerAddress); }),
            "error.core.address.notAcceptedByBackbone");
  auto pk = base64::DecodeUrlNoPad(kPeerPublicKey);
  EXPECT_TRUE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, "localhost").str()));
  EXPECT_TRUE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, "a-b.c1.example.eu").str()));
  EXPECT_FALSE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, "Example.org").str()));
  EXPECT_FALSE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, "x.a").str()));
  EXPECT_FALSE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, "a..org").str()));
  EXPECT_FALSE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, ".org").str()));
  EXPECT_FALSE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, "a_b.org").str()));
  EXPECT_FALSE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, "example.org1").str()));
  EXPECT_TRUE(IdentityAddress::IsValidForBackbone(IdentityAddress::Derive(pk, "1-2.3.xy").str()));
}

TEST(IdentityAddress, BackboneLimitsTheLengthTo80) {
  auto pk = base64::DecodeUrlNoPad(kPeerPublicKey);
  std::string long_domain(80 - 6 - 6 - 22 - 4, 'a');
  auto fits = IdentityAddress::Derive(pk, long_domain + ".org");
  ASSERT_EQ(fits.str().size(), 80u);
  EXPECT_TRUE(IdentityAddress::IsValidForBackbone(fits.str()));
  auto too_long = IdentityAddress::Derive(pk, long_domain + "a.org");
  EXPECT_TRUE(IdentityAddress::IsValid(too_long.str()));
  EXPECT_EQ(CodeOf([&] { IdentityAddress::ParseForBackbone(too_long.str()); }), "error.core.address.tooLong");
}

TEST(IdentityAddress, ChecksumIsVerified) {
  std::string wrong(kPeerAddress);
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(CodeOf([&] { IdentityAddress::Parse(wrong); }), "error.core.address.invalidChecksum");
  std::string wrong_hash(kPeerAddress);
  wrong_hash[wrong_hash.size() - 5] = wrong_hash[wrong_hash.size() - 5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(CodeOf([&] { IdentityAddress::Parse(wrong_hash); }), "error.core.address.invalidChecksum");
  EXPECT_FALSE(IdentityAddress::IsValid(wrong));
}

TEST(IdentityAddress, MalformedInputsHavePreciseCodes) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "error.core.address.malformed"},
      {"did:e:", "error.core.address.malformed"},
      {"did:x:127.0.0.1:dids:b8096ea247a12259bd5baf", "error.core.address.malformed"},
      {"did:e:127.0.0.1:didz:b8096ea247a12259bd5baf", "error.core.address.malformed"},
      {"did:e:127.0.0.1:dids:B8096EA247A12259BD5BAF", "error.core.address.malformed"},
      {"did:e:127.0.0.1:dids:b8096ea247a12259bd5bag", "error.core.address.malformed"},
      {"did:e:127.0.0.1:dids:b8096ea247a12259bd5ba", "error.core.address.malformed"},
      {"did:e::dids:b8096ea247a12259bd5baf", "error.core.address.malformed"},
      {"did:e:exa mple:dids:b8096ea247a12259bd5baf", "error.core.address.invalidDomain"},
      {"did:e:a|b:dids:b8096ea247a12259bd5baf", "error.core.address.invalidDomain"},
  };
  for (const auto& [text, code] : cases) {
    EXPECT_EQ(CodeOf([&] { IdentityAddress::Parse(text); }), code) << text;
    EXPECT_FALSE(IdentityAddress::IsValid(text)) << text;
    EXPECT_FALSE(IdentityAddress::IsValidForBackbone(text)) << text;
  }
}

TEST(IdentityAddress, DeriveRejectsBadKeysAndDomains) {
  EXPECT_EQ(CodeOf([] { IdentityAddress::Derive(crypto::RandomBytes(31), "localhost"); }),
            "error.core.address.invalidPublicKey");
  EXPECT_EQ(CodeOf([] { IdentityAddress::Derive(crypto::RandomBytes(64), "localhost"); }),
            "error.core.address.invalidPublicKey");
  EXPECT_EQ(CodeOf([] { IdentityAddress::Derive(crypto::RandomBytes(32), ""); }),
            "error.core.address.invalidDomain");
  EXPECT_EQ(CodeOf([] { IdentityAddress::Derive(crypto::RandomBytes(32), "a/b"); }),
            "error.core.address.invalidDomain");
}

}  // namespace
}  // namespace nmshd::core
