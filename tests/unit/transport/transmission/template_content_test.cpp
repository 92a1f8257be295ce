#include "transport/transmission/template_content.h"

#include "crypto/signatures.h"
#include "relationship_test_support.h"
#include "transport/transmission/serval_json.h"
#include "transport/transmission/template_password.h"

namespace nmshd::transport {
namespace {

using namespace relationship_test;

const boost::json::object kContent{{"@type", "ArbitraryRelationshipTemplateContent"},
                                   {"value", boost::json::object{{"z", "äöü €"}, {"a", 1}}}};

TEST(TemplateContent, SealedTemplateOpensWithItsKeyAndSignature) {
  const auto templator = MakeIdentity();
  const auto template_key = TemplateKey::Generate();
  const auto sealed = SealTemplate(templator.identity.address, templator.identity_keypair,
                                   template_key.public_key, kContent);

  const auto opened = OpenTemplate(sealed.content, sealed.secret_key);
  EXPECT_EQ(opened.identity, templator.identity);
  EXPECT_EQ(opened.template_key, template_key.public_key);
  EXPECT_EQ(opened.content, kContent);
  EXPECT_EQ(opened.serialized_template, sealed.serialized_template);
  EXPECT_EQ(opened.signature.algorithm(), crypto::HashAlgorithm::kSha512);
  EXPECT_TRUE(crypto::Verify(Utf8(opened.serialized_template), opened.signature,
                             templator.identity_keypair.publicKey()));
  EXPECT_THAT(template_key.public_key.id, ::testing::StartsWith("TRPRTK"));
  EXPECT_EQ(template_key.public_key.id.size(), 20u);
}

TEST(TemplateContent, WrapperAndSignedEnvelopeHaveTheOfficialShape) {
  const auto templator = MakeIdentity();
  const auto template_key = TemplateKey::Generate();
  const auto sealed = SealTemplate(templator.identity.address, templator.identity_keypair,
                                   template_key.public_key, kContent);
  const std::string pub = base64::EncodeUrlNoPad(templator.identity_keypair.publicKey().bytes());
  const std::string tpub = base64::EncodeUrlNoPad(template_key.public_key.key.bytes());
  EXPECT_EQ(
      sealed.serialized_template,
      R"({"@type":"RelationshipTemplateContentWrapper","content":{"@type":"ArbitraryRelationshipTemplateContent","value":{"z":"äöü €","a":1}},)"
      R"("identity":{"address":")" +
          templator.identity.address.str() + R"(","publicKey":{"pub":")" + pub +
          R"(","alg":3}},"templateKey":{"id":")" + template_key.public_key.id + R"(","pub":")" +
          tpub + R"(","alg":3}})");
  const auto signed_json = json::Parse(DecryptText(sealed.content, sealed.secret_key)).as_object();
  std::vector<std::string> keys;
  for (const auto& kv : signed_json) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"@type", "deviceSignature", "serializedTemplate"}));
  EXPECT_EQ(signed_json.at("@type"), "RelationshipTemplateSigned");
  EXPECT_FALSE(signed_json.at("deviceSignature").as_object().contains("@type"));
  // The Backbone content is the verbose cipher JSON, base64url.
  EXPECT_EQ(DecodeOuter(sealed.content).at("@type"), "CryptoCipher");
}

TEST(TemplateContent, WrongKeyFailsToDecrypt) {
  const auto templator = MakeIdentity();
  const auto sealed = SealTemplate(templator.identity.address, templator.identity_keypair,
                                   TemplateKey::Generate().public_key, kContent);
  ExpectCode([&] { OpenTemplate(sealed.content, crypto::SecretKey::Generate()); },
             "error.crypto.encryption.decrypt");
}

TEST(TemplateContent, ChangedTemplateTextFailsTheSignature) {
  const auto templator = MakeIdentity();
  const auto sealed = SealTemplate(templator.identity.address, templator.identity_keypair,
                                   TemplateKey::Generate().public_key, kContent);
  auto signed_json = json::Parse(DecryptText(sealed.content, sealed.secret_key)).as_object();
  std::string text(signed_json.at("serializedTemplate").as_string());
  text.replace(text.find("\"a\":1"), 5, "\"a\":2");
  signed_json["serializedTemplate"] = text;
  const auto tampered = EncryptText(json::Stringify(signed_json), sealed.secret_key);
  ExpectCode([&] { OpenTemplate(tampered, sealed.secret_key); },
             "error.transport.signatureNotValid");
}

TEST(TemplateContent, SignatureByAnotherKeyIsRejected) {
  // A template claiming someone else's identity key but signed with ours.
  const auto victim = MakeIdentity();
  const auto attacker = MakeIdentity();
  const auto key = crypto::SecretKey::Generate();
  const std::string wrapper =
      SerializeServal({{"@type", "RelationshipTemplateContentWrapper"},
                       {"content", kContent},
                       {"identity", victim.identity.ToJson()},
                       {"templateKey", TemplateKey::Generate().public_key.ToJson(false)}});
  const auto sig = crypto::Sign(Utf8(wrapper), attacker.identity_keypair.privateKey());
  const auto sealed = EncryptText(SerializeServal({{"@type", "RelationshipTemplateSigned"},
                                                   {"deviceSignature", sig.ToJson(false)},
                                                   {"serializedTemplate", wrapper}}),
                                  key);
  ExpectCode([&] { OpenTemplate(sealed, key); }, "error.transport.signatureNotValid");
}

TEST(TemplateContent, AddressOfAnotherKeyIsRejected) {
  const auto templator = MakeIdentity();
  const auto other = MakeIdentity();
  ExpectCode(
      [&] {
        SealTemplate(other.identity.address, templator.identity_keypair,
                     TemplateKey::Generate().public_key, kContent);
      },
      "error.transport.invalidIdentity");

  // Correctly signed, but the address is not the key's.
  const auto key = crypto::SecretKey::Generate();
  const PublicIdentity forged{other.identity.address, templator.identity_keypair.publicKey()};
  const std::string wrapper =
      SerializeServal({{"@type", "RelationshipTemplateContentWrapper"},
                       {"content", kContent},
                       {"identity", forged.ToJson()},
                       {"templateKey", TemplateKey::Generate().public_key.ToJson(false)}});
  const auto sig = crypto::Sign(Utf8(wrapper), templator.identity_keypair.privateKey());
  const auto sealed = EncryptText(SerializeServal({{"@type", "RelationshipTemplateSigned"},
                                                   {"deviceSignature", sig.ToJson(false)},
                                                   {"serializedTemplate", wrapper}}),
                                  key);
  ExpectCode([&] { OpenTemplate(sealed, key); }, "error.transport.invalidIdentity");
}

TEST(TemplateContent, MalformedContentsReportInvalidContent) {
  const auto key = crypto::SecretKey::Generate();
  ExpectCode([&] { OpenTemplate("not a cipher", key); },
             "error.transport.relationshipTemplates.invalidContent");
  ExpectCode([&] { OpenTemplate(EncryptText("no json", key), key); },
             "error.transport.relationshipTemplates.invalidContent");
  ExpectCode([&] { OpenTemplate(EncryptText(R"({"serializedTemplate":"{}"})", key), key); },
             "error.transport.relationshipTemplates.invalidContent");
  const auto templator = MakeIdentity();
  const auto sig = crypto::Sign(Utf8("{}"), templator.identity_keypair.privateKey());
  ExpectCode(
      [&] {
        OpenTemplate(EncryptText(SerializeServal({{"deviceSignature", sig.ToJson(false)},
                                                  {"serializedTemplate", "{}"}}),
                                 key),
                     key);
      },
      "error.transport.relationshipTemplates.invalidContent");
}

TEST(TemplatePublicKeyJson, UsesItsOwnKeyOrderAndAcceptsBothForms) {
  const auto key = TemplateKey::Generate().public_key;
  const std::string pub = base64::EncodeUrlNoPad(key.key.bytes());
  EXPECT_EQ(json::Stringify(key.ToJson()),
            R"({"id":")" + key.id + R"(","pub":")" + pub +
                R"(","alg":3,"@type":"RelationshipTemplatePublicKey"})");
  EXPECT_EQ(TemplatePublicKey::FromJson(key.ToJson()), key);
  EXPECT_EQ(TemplatePublicKey::FromJson(key.ToJson(false)), key);
  auto wrong = key.ToJson();
  wrong["@type"] = "CryptoExchangePublicKey";
  EXPECT_THROW(TemplatePublicKey::FromJson(wrong), CodedError);
}

TEST(TemplatePassword, MatchesTheOfficialHash) {
  // CoreCrypto.deriveHashOutOfPassword("pässwörd 123", salt 00..0f).toBase64() of
  // @nmshd/transport 7.0.0.
  const auto salt = base64::DecodeUrlNoPad("AAECAwQFBgcICQoLDA0ODw");
  EXPECT_EQ(DerivePasswordHash("pässwörd 123", salt),
            "zz6bsFgI5Hg7tLCIccK1oSHF+zNLAK+gOmNLzFGPgoM=");
  EXPECT_NE(DerivePasswordHash("pässwörd 124", salt), DerivePasswordHash("pässwörd 123", salt));
  EXPECT_EQ(GeneratePasswordSalt().size(), 16u);
  ExpectCode([&] { DerivePasswordHash("x", std::vector<std::uint8_t>(15)); },
             "error.crypto.wrongLength");
}

}  // namespace
}  // namespace nmshd::transport
