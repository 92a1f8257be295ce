// crypto_kdf with the official contexts and Argon2id with the transport parameters; the expected
// values were printed by @nmshd/crypto 2.1.3 (CryptoDerivation) for the same inputs.
#include "crypto/derivation.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "base/hex.h"
#include "test_util.h"

namespace nmshd::crypto::test {
namespace {

Bytes Counting(std::size_t n, std::uint8_t start) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + i);
  return b;
}

TEST(Derivation, KdfMatchesOfficialForEveryContext) {
  const Bytes base = Counting(32, 0);
  const std::pair<std::string_view, std::string_view> expected[] = {
      {kdf_context::kRequestTemplate, "eTZLkFTYziwFvKyuOcB9lFW-56pr2mwnIg3XSFCBXNU"},
      {kdf_context::kRelationshipRequestor, "GjimimqzIMflT90CcJonZxXi2ielm8xivouPJUGI1pw"},
      {kdf_context::kRelationshipTemplator, "mb8wJcFIjmmJpNaGruV3v6575XaGfLZx_LjRzmnc0Ns"},
      {kdf_context::kSecret, "JFVrpDYxJywF5_QtI0MphfcrWpnq26Lwtm25e0-Krpc"},
      {kdf_context::kDataSync, "shC9TID4NPsmnRuNj6ICTRIpLQ5d-8sxR4yHnXXJRjk"},
  };
  for (const auto& [ctx, key] : expected) {
    EXPECT_EQ(base64::EncodeUrlNoPad(DeriveKeyFromBase(base, 7, ctx).bytes()), key) << ctx;
  }
  EXPECT_EQ(base64::EncodeUrlNoPad(DeriveKeyFromBase(Bytes(32), 1, "REQTMP01").bytes()),
            "CfGyDaRyrWH9rHfsG4_vBnBhWjBbwERILKsE6MJxDnQ");
}

TEST(Derivation, KdfRejectsBadContextAndBaseKey) {
  ExpectCoded([] { DeriveKeyFromBase(Bytes(32), 1, "SHORT"); }, "error.crypto.wrongLength", "8 characters");
  ExpectCoded([] { DeriveKeyFromBase(Bytes(16), 1, "SECRET01"); }, "error.crypto.wrongLength", "32 bytes");
}

TEST(Derivation, PasswordKeyMatchesOfficialArgon2idWithTransportParameters) {
  auto key = DeriveKeyFromPassword(Utf8Bytes("Passw0rd!"), Counting(16, 1));
  EXPECT_EQ(base64::EncodeUrlNoPad(key.bytes()), "6BKfU1NXMcHPEIystL6uce9HiQTIXKZF_1R3L7_2QaU");
  // What the transport library sends as the hashed password: CoreBuffer.toBase64() (standard).
  EXPECT_EQ(base64::EncodeStandard(key.bytes()), "6BKfU1NXMcHPEIystL6uce9HiQTIXKZF/1R3L7/2QaU=");
}

TEST(Derivation, PasswordRejectsBadSaltAndLimits) {
  ExpectCoded([] { DeriveKeyFromPassword(Utf8Bytes("pw"), Bytes(15)); }, "error.crypto.wrongLength", "16 bytes");
  ExpectCoded([] { DeriveKeyFromPassword(Utf8Bytes("pw"), Bytes(16), 0); }, "error.crypto.wrongMaximum");
  ExpectCoded([] { DeriveKeyFromPassword(Utf8Bytes("pw"), Bytes(16), 3, 1024); }, "error.crypto.wrongMaximum");
}

TEST(Hash, Sha256AndSha512KnownAnswers) {
  EXPECT_EQ(ToHex(Sha256(std::string_view("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(ToHex(Sha512(Utf8Bytes("abc"))),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
            "454d4423643ce80e2a9ac94fa54ca49f");
}

}  // namespace
}  // namespace nmshd::crypto::test

namespace nmshd::crypto::test {
namespace {

TEST(Random, BytesHaveRequestedLengthAndZeroIsEmpty) {
  EXPECT_TRUE(RandomBytes(0).empty());
  EXPECT_EQ(RandomBytes(24).size(), 24u);
  EXPECT_NE(RandomBytes(32), RandomBytes(32));
}

}  // namespace
}  // namespace nmshd::crypto::test
