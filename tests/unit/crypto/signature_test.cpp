// Ed25519 keys and signatures against the shapes and values @nmshd/crypto 2.1.3 printed
// (/work/shared/spec/ts-peer.md section 5).
#include "crypto/signature_keypair.h"
#include "crypto/signatures.h"
#include "test_util.h"

namespace nmshd::crypto::test {
namespace {

constexpr std::string_view kPub = "pwwykdQgQxqGDmUcH-o9Oaxz1l47kUZemssu5Kmutxk";
constexpr std::string_view kPrv =
    "no8bCHtM-aExalvKSw9RAiN4hlsJW1xsafFnJxOG90inDDKR1CBDGoYOZRwf6j05rHPWXjuRRl6ayy7kqa63GQ";
constexpr std::string_view kSig =
    "dhd_CXlH5Fkyf2kpeB1q4r1fRcWw1zM1eWArkzyITJS6VelXRuHFKhthzw9GzM5HajuZWKVUXKeEowG2WtMjAw";

TEST(SignatureKeys, PublicKeyJsonMatchesOfficialSample) {
  SignaturePublicKey pub(B64(kPub));
  EXPECT_EQ(Json(pub.ToJson()),
            R"({"pub":"pwwykdQgQxqGDmUcH-o9Oaxz1l47kUZemssu5Kmutxk","alg":3,"@type":"CryptoSignaturePublicKey"})");
  EXPECT_EQ(Json(pub.ToJson(false)), R"({"pub":"pwwykdQgQxqGDmUcH-o9Oaxz1l47kUZemssu5Kmutxk","alg":3})");
  EXPECT_EQ(pub.ToBase64(),
            "eyJwdWIiOiJwd3d5a2RRZ1F4cUdEbVVjSC1vOU9heHoxbDQ3a1VaZW1zc3U1S211dHhrIiwiYWxnIjozLCJAdHlwZSI6"
            "IkNyeXB0b1NpZ25hdHVyZVB1YmxpY0tleSJ9");
  EXPECT_EQ(SignaturePublicKey::FromBase64(pub.ToBase64()), pub);
}

TEST(SignatureKeys, PrivateKeyAndKeypairJsonMatchOfficialSample) {
  SignaturePrivateKey prv(B64(kPrv));
  EXPECT_EQ(Json(prv.ToJson()), std::string(R"({"prv":")") + std::string(kPrv) +
                                    R"(","alg":3,"@type":"CryptoSignaturePrivateKey"})");
  EXPECT_EQ(prv.ToPublicKey(), SignaturePublicKey(B64(kPub)));
  SignatureKeypair kp(SignaturePublicKey(B64(kPub)), prv);
  EXPECT_EQ(Json(kp.ToJson()), std::string(R"({"pub":{"pub":")") + std::string(kPub) +
                                   R"(","alg":3},"prv":{"prv":")" + std::string(kPrv) +
                                   R"(","alg":3},"@type":"CryptoSignatureKeypair"})");
  EXPECT_EQ(SignatureKeypair::FromJson(kp.ToJson()), kp);
  EXPECT_EQ(SignatureKeypair::FromBase64(kp.ToBase64()), kp);
}

TEST(Signatures, ReproducesOfficialSignatureByteForByte) {
  // Ed25519 is deterministic: the same key over the same message must give the sample signature.
  SignaturePrivateKey prv(B64(kPrv));
  auto sig = Sign(Utf8Bytes("hello enmeshed"), prv);
  EXPECT_EQ(sig.bytes(), B64(kSig));
  EXPECT_EQ(Json(sig.ToJson()), std::string(R"({"sig":")") + std::string(kSig) +
                                    R"(","alg":2,"@type":"CryptoSignature"})");
  EXPECT_EQ(sig.ToBase64(),
            "eyJzaWciOiJkaGRfQ1hsSDVGa3lmMmtwZUIxcTRyMWZSY1d3MXpNMWVXQXJrenlJVEpTNlZlbFhSdUhGS2h0aHp3OUd6"
            "TTVIYWp1WldLVlVYS2VFb3dHMld0TWpBdyIsImFsZyI6MiwiQHR5cGUiOiJDcnlwdG9TaWduYXR1cmUifQ");
  SignaturePublicKey pub(B64(kPub));
  EXPECT_TRUE(Verify(Utf8Bytes("hello enmeshed"), sig, pub));
  EXPECT_FALSE(Verify(Utf8Bytes("tampered"), sig, pub));
}

TEST(Signatures, FreshKeypairSignsAndVerifiesWithRequestedHashLabel) {
  auto kp = SignatureKeypair::Generate();
  EXPECT_EQ(kp.privateKey().ToPublicKey(), kp.publicKey());
  auto sig = Sign(Utf8Bytes("relationship"), kp.privateKey(), HashAlgorithm::kSha256);
  EXPECT_EQ(sig.algorithm(), HashAlgorithm::kSha256);
  EXPECT_EQ(sig.ToJson(false).at("alg").as_int64(), 1);
  EXPECT_TRUE(Verify(Utf8Bytes("relationship"), Signature::FromBase64(sig.ToBase64()), kp.publicKey()));
  auto other = SignatureKeypair::Generate();
  EXPECT_FALSE(Verify(Utf8Bytes("relationship"), sig, other.publicKey()));
  Bytes flipped = sig.bytes();
  flipped[10] ^= 1;
  EXPECT_FALSE(Verify(Utf8Bytes("relationship"), Signature(flipped, HashAlgorithm::kSha256), kp.publicKey()));
}

TEST(Signatures, EmptyContentIsRejected) {
  auto kp = SignatureKeypair::Generate();
  ExpectCoded([&] { Sign({}, kp.privateKey()); }, "error.crypto.wrongBuffer");
}

}  // namespace
}  // namespace nmshd::crypto::test
