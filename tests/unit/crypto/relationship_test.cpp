// A full templator <-> requestor handshake in C++: request key agreement, state channels in both
// directions, signatures, and the ts-serval JSON layout of the secrets.
#include "crypto/relationship_secrets.h"
#include "crypto/signatures.h"
#include "test_util.h"

namespace nmshd::crypto::test {
namespace {

struct Handshake {
  ExchangeKeypair template_key = ExchangeKeypair::Generate();
  SignatureKeypair templator_identity = SignatureKeypair::Generate();
  RelationshipRequestSecrets request =
      RelationshipRequestSecrets::FromPeer(template_key.publicKey(), templator_identity.publicKey());
  RelationshipSecrets templator =
      RelationshipSecrets::FromRelationshipRequest(request.ToPublicRequest(), template_key);
  RelationshipSecrets requestor =
      RelationshipSecrets::FromRelationshipResponse(templator.ToPublicResponse(), request);
};

TEST(Relationship, RequestKeyAgreesOnBothSides) {
  Handshake h;
  EXPECT_EQ(h.templator.parts().request_secret_key, h.request.secretKey());
  auto c = h.request.EncryptRequest(Utf8Bytes("creation content"));
  EXPECT_EQ(Utf8(h.templator.DecryptRequest(Cipher::FromBase64(c.ToBase64()))), "creation content");
  EXPECT_EQ(Utf8(h.request.DecryptRequest(c)), "creation content");
  auto sig = h.request.Sign(Utf8Bytes("creation content"));
  EXPECT_EQ(sig.algorithm(), HashAlgorithm::kSha256);
  EXPECT_TRUE(h.templator.VerifyPeer(Utf8Bytes("creation content"), sig));
  EXPECT_TRUE(h.request.VerifyOwn(Utf8Bytes("creation content"), sig));
}

TEST(Relationship, StateChannelsWorkInBothDirections) {
  Handshake h;
  EXPECT_EQ(h.templator.type(), RelationshipType::kTemplator);
  EXPECT_EQ(h.requestor.type(), RelationshipType::kRequestor);
  for (int i = 0; i < 2; ++i) {
    auto t = h.templator.Encrypt(Utf8Bytes("from templator " + std::to_string(i)));
    EXPECT_EQ(Utf8(h.requestor.DecryptPeer(t)), "from templator " + std::to_string(i));
    EXPECT_EQ(Utf8(h.templator.DecryptOwn(t)), "from templator " + std::to_string(i));
    auto r = h.requestor.Encrypt(Utf8Bytes("from requestor " + std::to_string(i)));
    EXPECT_EQ(Utf8(h.templator.DecryptPeer(r)), "from requestor " + std::to_string(i));
  }
  // Own ciphers never decrypt as peer ciphers: the directions use different keys.
  auto own = h.requestor.Encrypt(Utf8Bytes("x"));
  ExpectCoded([&] { h.requestor.DecryptPeer(own, true); }, "error.crypto.encryption.decrypt");
  auto s = h.requestor.Sign(Utf8Bytes("msg"));
  EXPECT_TRUE(h.templator.VerifyPeer(Utf8Bytes("msg"), s));
  EXPECT_FALSE(h.templator.VerifyOwn(Utf8Bytes("msg"), s));
  EXPECT_TRUE(h.requestor.VerifyPeerIdentity(Utf8Bytes("hi"), Sign(Utf8Bytes("hi"), h.templator_identity.privateKey())));
  ExpectCoded([&] { h.templator.VerifyPeerIdentity(Utf8Bytes("hi"), s); }, "error.crypto.relationship.noPeer");
}

TEST(Relationship, PublicObjectsHaveOfficialKeyOrder) {
  Handshake h;
  auto req = h.request.ToPublicRequest();
  const std::string text = Json(req.ToJson());
  EXPECT_THAT(text, ::testing::MatchesRegex(R"(\{"exc":\{"pub":"[-_A-Za-z0-9]{43}","alg":3\},"sig":\{"pub":"[-_A-Za-z0-9]{43}","alg":3\},"eph":\{"pub":"[-_A-Za-z0-9]{43}","alg":3\},"nnc":"[-_A-Za-z0-9]{32}","@type":"CryptoRelationshipPublicRequest"\})"));
  EXPECT_EQ(RelationshipPublicRequest::FromBase64(req.ToBase64()), req);
  auto resp = h.templator.ToPublicResponse();
  EXPECT_THAT(Json(resp.ToJson()), ::testing::MatchesRegex(R"(\{"exc":\{"pub":"[-_A-Za-z0-9]{43}","alg":3\},"sig":\{"pub":"[-_A-Za-z0-9]{43}","alg":3\},"sta":\{"nnc":"[-_A-Za-z0-9]{32}","alg":3,"typ":2\},"@type":"CryptoRelationshipPublicResponse"\})"));
  EXPECT_EQ(RelationshipPublicResponse::FromBase64(resp.ToBase64()), resp);
}

std::vector<std::string> Keys(const boost::json::object& o) {
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  return keys;
}

TEST(Relationship, SecretsSerializeInTsServalOrderAndRoundTrip) {
  Handshake h;
  EXPECT_THAT(Keys(h.request.ToJson()),
              ::testing::ElementsAre("@type", "eph", "exc", "key", "nnc", "pik", "pxk", "sig"));
  EXPECT_THAT(Keys(h.request.ToJson(false)),
              ::testing::ElementsAre("eph", "exc", "key", "nnc", "pik", "pxk", "sig"));
  EXPECT_THAT(Keys(h.templator.ToJson()),
              ::testing::ElementsAre("@type", "exc", "psk", "ptk", "pxk", "rsk", "rx", "sig", "tx", "typ"));
  EXPECT_THAT(Keys(h.requestor.ToJson()),
              ::testing::ElementsAre("@type", "exc", "pik", "psk", "ptk", "pxk", "rsk", "rx", "sig", "tx", "typ"));
  EXPECT_EQ(Json(RelationshipRequestSecrets::FromBase64(h.request.ToBase64()).ToJson()), Json(h.request.ToJson()));
  EXPECT_EQ(Json(RelationshipSecrets::FromBase64(h.templator.ToBase64()).ToJson()), Json(h.templator.ToJson()));
  EXPECT_EQ(Json(RelationshipSecrets::FromJson(h.requestor.ToJson(false)).ToJson()), Json(h.requestor.ToJson()));
  // A restored requestor continues the channel where it stopped.
  auto restored = RelationshipSecrets::FromJson(h.requestor.ToJson());
  auto c = h.templator.Encrypt(Utf8Bytes("after restore"));
  EXPECT_EQ(Utf8(restored.DecryptPeer(c)), "after restore");
}

TEST(Relationship, RequestorCompletionIsDeterministic) {
  Handshake h;
  auto again = RelationshipSecrets::FromRelationshipResponse(h.templator.ToPublicResponse(), h.request);
  EXPECT_EQ(Json(again.ToJson()), Json(h.requestor.ToJson()));
}

}  // namespace
}  // namespace nmshd::crypto::test
