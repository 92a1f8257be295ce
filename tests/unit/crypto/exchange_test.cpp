// X25519 exchange keys (crypto_kx) and the session keys of both roles.
#include "crypto/exchange.h"
#include "test_util.h"

namespace nmshd::crypto::test {
namespace {

TEST(Exchange, PublicKeyJsonPutsTypeFirstLikeTheOfficialLibrary) {
  ExchangePublicKey pub(B64("-gU5nML1xORpKNG7aDxufGlqZWrxeqnN61ChylNo0w4"));
  EXPECT_EQ(Json(pub.ToJson()),
            R"({"@type":"CryptoExchangePublicKey","pub":"-gU5nML1xORpKNG7aDxufGlqZWrxeqnN61ChylNo0w4","alg":3})");
  EXPECT_EQ(Json(pub.ToJson(false)), R"({"pub":"-gU5nML1xORpKNG7aDxufGlqZWrxeqnN61ChylNo0w4","alg":3})");
  EXPECT_EQ(ExchangePublicKey::FromBase64(pub.ToBase64()), pub);
}

TEST(Exchange, KeypairJsonAndPrivateToPublic) {
  auto kp = ExchangeKeypair::Generate();
  EXPECT_EQ(kp.privateKey().ToPublicKey(), kp.publicKey());
  const std::string expected = R"({"pub":{"pub":")" + base64::EncodeUrlNoPad(kp.publicKey().bytes()) +
                               R"(","alg":3},"prv":{"prv":")" +
                               base64::EncodeUrlNoPad(kp.privateKey().bytes()) +
                               R"(","alg":3},"@type":"CryptoExchangeKeypair"})";
  EXPECT_EQ(Json(kp.ToJson()), expected);
  EXPECT_EQ(Json(kp.privateKey().ToJson()),
            R"({"prv":")" + base64::EncodeUrlNoPad(kp.privateKey().bytes()) +
                R"(","alg":3,"@type":"CryptoExchangePrivateKey"})");
  EXPECT_EQ(ExchangeKeypair::FromBase64(kp.ToBase64()), kp);
}

TEST(Exchange, RequestorAndTemplatorDeriveMirroredSessionKeys) {
  auto requestor = ExchangeKeypair::Generate();
  auto templator = ExchangeKeypair::Generate();
  auto r = DeriveRequestor(requestor, templator.publicKey());
  auto t = DeriveTemplator(templator, requestor.publicKey());
  EXPECT_EQ(r.transmissionKey(), t.receivingKey());
  EXPECT_EQ(r.receivingKey(), t.transmissionKey());
  EXPECT_NE(r.transmissionKey(), r.receivingKey());
  EXPECT_EQ(Json(r.ToJson()), R"({"rx":")" + base64::EncodeUrlNoPad(r.receivingKey()) + R"(","tx":")" +
                                  base64::EncodeUrlNoPad(r.transmissionKey()) +
                                  R"(","alg":3,"@type":"CryptoExchangeSecrets"})");
  EXPECT_EQ(ExchangeSecrets::FromJson(r.ToJson()), r);
}

TEST(Exchange, DegeneratePeerKeyIsRejected) {
  auto own = ExchangeKeypair::Generate();
  ExpectCoded([&] { DeriveRequestor(own, ExchangePublicKey(Bytes(32, 0))); },
              "error.crypto.exchange.keyDerivation");
  ExpectCoded([&] { DeriveTemplator(own, ExchangePublicKey(Bytes(32, 0))); },
              "error.crypto.exchange.keyDerivation");
}

}  // namespace
}  // namespace nmshd::crypto::test
