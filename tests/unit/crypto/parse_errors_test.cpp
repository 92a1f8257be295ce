// Every malformed input gives a CodedError with the official CryptoErrorCode and names the field.
#include "crypto/relationship_secrets.h"
#include "test_util.h"

namespace nmshd::crypto::test {
namespace {

const std::string kKey32 = base64::EncodeUrlNoPad(Bytes(32, 1));
const std::string kNonce = base64::EncodeUrlNoPad(Bytes(24, 2));

TEST(ParseErrors, Cipher) {
  auto parse = [](const std::string& text) { return [text] { Cipher::Deserialize(text); }; };
  ExpectCoded(parse(R"({"cph":"AAAA","alg":3})"), "error.crypto.validation.noNonceNorCounter");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":3,"nnc":")" + kNonce + R"(","cnt":1})"),
              "error.crypto.validation.nonceAndCounter");
  ExpectCoded(parse(R"({"cph":"A","alg":3,"cnt":1})"), "error.crypto.wrongSerializedBuffer", "CryptoCipher.cph");
  ExpectCoded(parse(R"({"cph":"AA*A","alg":3,"cnt":1})"), "error.crypto.wrongSerializedBuffer", "CryptoCipher.cph");
  ExpectCoded(parse(R"({"cph":"AA==","alg":3,"cnt":1})"), "error.crypto.wrongSerializedBuffer", "CryptoCipher.cph");
  ExpectCoded(parse(R"({"cph":"AAAA","cnt":1})"), "error.crypto.wrongEncryptionAlgorithm", "CryptoCipher.alg");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":1,"cnt":1})"), "error.crypto.wrongEncryptionAlgorithm", "CryptoCipher.alg 1");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":"3","cnt":1})"), "error.crypto.wrongEncryptionAlgorithm");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":3,"cnt":-1})"), "error.crypto.encryption.wrongCounter");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":3,"cnt":4294967296})"), "error.crypto.encryption.wrongCounter");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":3,"cnt":1.5})"), "error.crypto.encryption.wrongCounter");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":3,"nnc":"AAAA"})"), "error.crypto.encryption.wrongNonce", "CryptoCipher.nnc");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":3,"nnc":")" + kNonce + R"(","@type":"CryptoSecretKey"})"),
              "error.crypto.wrongObject", "@type");
  ExpectCoded(parse(R"([1,2])"), "error.crypto.wrongObject");
  ExpectCoded(parse(R"({"cph":"AAAA","alg":3,"nn)"), "error.base.invalidJson");
  ExpectCoded([] { Cipher::FromBase64(base64::EncodeUrlNoPad(std::string_view(R"({"cph":"AAAA","al)"))); },
              "error.base.invalidJson");
  ExpectCoded([] { Cipher::FromBase64("!!!"); }, "error.crypto.wrongSerializedBuffer");
  // Well-formed minimal values do parse.
  EXPECT_EQ(Cipher::Deserialize(R"({"cph":"AAAA","alg":3,"cnt":4294967295})").counter(), 4294967295u);
}

TEST(ParseErrors, Keys) {
  ExpectCoded([] { SecretKey::FromJson(Parse(R"({"key":"AAAA","alg":3})")); },
              "error.crypto.encryption.wrongSecretKey", "CryptoSecretKey.key must be 32 bytes, got 3");
  ExpectCoded([] { SecretKey::FromJson(Parse(R"({"key":")" + kKey32 + R"(","alg":2})")); },
              "error.crypto.wrongEncryptionAlgorithm");
  ExpectCoded([] { SecretKey::FromJson(Parse(R"({"alg":3})")); }, "error.crypto.wrongSerializedBuffer",
              "CryptoSecretKey.key must be a string (missing)");
  ExpectCoded([] { SignaturePublicKey::FromJson(Parse(R"({"pub":")" + kNonce + R"(","alg":3})")); },
              "error.crypto.signature.wrongPublicKey", "CryptoSignaturePublicKey.pub");
  ExpectCoded([] { SignaturePublicKey::FromJson(Parse(R"({"pub":")" + kKey32 + R"(","alg":1})")); },
              "error.crypto.signature.wrongAlgorithm");
  ExpectCoded([] { SignaturePrivateKey::FromJson(Parse(R"({"prv":")" + kKey32 + R"(","alg":3})")); },
              "error.crypto.signature.wrongPrivateKey", "CryptoSignaturePrivateKey.prv");
  ExpectCoded([] { Signature::FromJson(Parse(R"({"sig":")" + kKey32 + R"(","alg":2})")); },
              "error.crypto.wrongSerializedBuffer", "CryptoSignature.sig");
  ExpectCoded([] { Signature::FromJson(Parse(R"({"sig":")" + base64::EncodeUrlNoPad(Bytes(64)) + R"(","alg":4})")); },
              "error.crypto.hash.wrongHashAlgorithm");
  ExpectCoded([] { ExchangePublicKey::FromJson(Parse(R"({"pub":")" + kNonce + R"(","alg":3})")); },
              "error.crypto.exchange.wrongPublicKey");
  ExpectCoded([] { ExchangePrivateKey::FromJson(Parse(R"({"prv":")" + kKey32 + R"(","alg":2})")); },
              "error.crypto.exchange.wrongExchangeAlgorithm");
  ExpectCoded([] { SignatureKeypair::FromJson(Parse(R"({"pub":{"pub":")" + kKey32 + R"(","alg":3}})")); },
              "error.crypto.wrongObject", "CryptoSignatureKeypair.prv");
}

TEST(ParseErrors, StatesAndRelationships) {
  const std::string state = R"({"nnc":")" + kNonce + R"(","cnt":0,"key":")" + kKey32 + R"(","alg":3,"typ":)";
  ExpectCoded([&] { PrivateStateReceive::FromJson(Parse(state + "3}")); }, "error.crypto.state.wrongType");
  ExpectCoded([&] { PrivateStateReceive::FromJson(Parse(state + "2}")); }, "error.crypto.state.wrongType");
  EXPECT_EQ(PrivateStateTransmit::FromJson(Parse(state + "2}")).counter(), 0u);
  ExpectCoded([] { PublicState::FromJson(Parse(R"({"nnc":"AAAA","alg":3,"typ":2})")); },
              "error.crypto.encryption.wrongNonce", "CryptoPublicState.nnc");
  ExpectCoded([] { RelationshipPublicRequest::FromJson(Parse(R"({"exc":1})")); }, "error.crypto.wrongObject",
              "CryptoRelationshipPublicRequest.exc");
  auto request = RelationshipRequestSecrets::FromPeer(ExchangeKeypair::Generate().publicKey(),
                                                      SignatureKeypair::Generate().publicKey());
  auto templator = RelationshipSecrets::FromRelationshipRequest(request.ToPublicRequest(), ExchangeKeypair::Generate());
  auto json = templator.ToJson();
  json["typ"] = 3;
  ExpectCoded([&] { RelationshipSecrets::FromJson(json); }, "error.crypto.relationships.noRequestorNorTemplator");
  json = templator.ToJson();
  json.erase("rsk");
  ExpectCoded([&] { RelationshipSecrets::FromJson(json); }, "error.crypto.wrongObject", "CryptoRelationshipSecrets.rsk");
  auto req_json = request.ToJson();
  req_json["nnc"] = "AAAA";
  ExpectCoded([&] { RelationshipRequestSecrets::FromJson(req_json); }, "error.crypto.encryption.wrongNonce");
}

}  // namespace
}  // namespace nmshd::crypto::test
