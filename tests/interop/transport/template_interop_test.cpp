// Relationship templates both ways against the official @nmshd/transport 7.0.0 (template_peer.js).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/encryption.h"
#include "crypto/random.h"
#include "crypto/signatures.h"
#include "node_runner.h"
#include "transport/transmission/serval_json.h"
#include "transport/transmission/template_content.h"
#include "transport/transmission/template_password.h"

namespace nmshd::transport {
namespace {

using testing::RunNodeJson;

constexpr std::string_view kRealm = "localhost";

struct Templator {
  crypto::SignatureKeypair keypair = crypto::SignatureKeypair::Generate();
  core::IdentityAddress address =
      core::IdentityAddress::Derive(keypair.publicKey().bytes(), kRealm);
};

boost::json::object OpenInNode(std::string_view content, const crypto::SecretKey& key,
                               const Templator& t) {
  return RunNodeJson("template_peer.js", {{"cmd", "open"},
                                          {"content", content},
                                          {"secretKey", key.ToJson()},
                                          {"createdBy", t.address.str()},
                                          {"realm", kRealm}})
      .as_object();
}

TEST(TemplateInterop, CppSealedTemplatesOpenAndVerifyInNode) {
  const Templator templator;
  const auto template_key = TemplateKey::Generate();
  const boost::json::object typed{
      {"@type", "ArbitraryRelationshipTemplateContent"},
      {"value", boost::json::object{{"z", "äöü € 😀"}, {"a", boost::json::array{1, 2.5, nullptr}}}}};
  const boost::json::object plain{{"title", "plain JSON"}, {"n", 42}};
  for (const auto& [content, type] : {std::pair{typed, "ArbitraryRelationshipTemplateContent"},
                                      std::pair{plain, "JSONWrapper"}}) {
    const auto sealed =
        SealTemplate(templator.address, templator.keypair, template_key.public_key, content);
    const auto node = OpenInNode(sealed.content, sealed.secret_key, templator);
    ASSERT_FALSE(node.contains("error")) << json::Stringify(node);
    EXPECT_EQ(node.at("identity").at("address").as_string(), templator.address.str());
    EXPECT_EQ(node.at("identity").at("publicKey").at("pub").as_string(),
              base64::EncodeUrlNoPad(templator.keypair.publicKey().bytes()));
    EXPECT_EQ(TemplatePublicKey::FromJson(node.at("templateKey")), template_key.public_key);
    EXPECT_EQ(node.at("content"), content);
    EXPECT_EQ(node.at("contentType"), type);
    EXPECT_EQ(node.at("addressMatchesKey"), true);
    EXPECT_EQ(node.at("signedIsCanonical"), true);
    EXPECT_EQ(node.at("wrapperIsCanonical"), true);
  }
}

TEST(TemplateInterop, NodeRejectsACppTemplateWithABadSignature) {
  const Templator templator;
  const auto other = crypto::SignatureKeypair::Generate();
  const auto key = crypto::SecretKey::Generate();
  const boost::json::object content{{"a", 1}};
  const auto sealed = SealTemplate(templator.address, templator.keypair,
                                   TemplateKey::Generate().public_key, content);
  // Same template text, signed by a key that is not the template's identity key.
  const auto signature = crypto::Sign(
      std::span(reinterpret_cast<const std::uint8_t*>(sealed.serialized_template.data()),
                sealed.serialized_template.size()),
      other.privateKey());
  const std::string signed_text =
      SerializeServal({{"@type", "RelationshipTemplateSigned"},
                       {"deviceSignature", signature.ToJson(false)},
                       {"serializedTemplate", sealed.serialized_template}});
  const auto tampered =
      crypto::Encrypt(
          std::span(reinterpret_cast<const std::uint8_t*>(signed_text.data()), signed_text.size()),
          key)
          .ToBase64();
  const auto node = OpenInNode(tampered, key, templator);
  ASSERT_TRUE(node.contains("error")) << json::Stringify(node);
  EXPECT_EQ(node.at("error").at("code"), "error.transport.signatureNotValid");
  EXPECT_THROW(OpenTemplate(tampered, key), CodedError);
}

TEST(TemplateInterop, NodeSealedTemplatesOpenAndVerifyInCpp) {
  const boost::json::object typed{{"@type", "ArbitraryRelationshipTemplateContent"},
                                  {"value", boost::json::object{{"b", "ü"}, {"a", 1}}}};
  const boost::json::object plain{{"b", 1}, {"a", boost::json::object{{"y", true}}}};
  for (const auto& content : {typed, plain}) {
    const auto node =
        RunNodeJson("template_peer.js", {{"cmd", "seal"}, {"content", content}, {"realm", kRealm}})
            .as_object();
    ASSERT_FALSE(node.contains("error")) << json::Stringify(node);
    const auto opened = OpenTemplate(node.at("content").as_string(),
                                     crypto::SecretKey::FromJson(node.at("secretKey")));
    const auto& templator = node.at("templator").as_object();
    EXPECT_EQ(opened.identity.address.str(), templator.at("address").as_string());
    EXPECT_EQ(opened.identity.public_key,
              crypto::SignatureKeypair::FromJson(templator.at("identityKeypair")).publicKey());
    EXPECT_EQ(opened.template_key, TemplatePublicKey::FromJson(node.at("templateKey")));
    EXPECT_EQ(opened.template_key.key,
              crypto::ExchangeKeypair::FromJson(node.at("templateKeypair")).publicKey());
    EXPECT_EQ(opened.content, content);
    EXPECT_EQ(opened.serialized_template, node.at("serializedTemplate").as_string());
    EXPECT_TRUE(opened.identity.MatchesKey());

    // The same wrapper made here is byte-identical to the official one.
    const auto keypair = crypto::SignatureKeypair::FromJson(templator.at("identityKeypair"));
    const auto again = SealTemplate(opened.identity.address, keypair, opened.template_key, content);
    EXPECT_EQ(again.serialized_template, opened.serialized_template);

    // And a wrong key is a decryption failure, not a crash or a silent success.
    EXPECT_THROW(OpenTemplate(node.at("content").as_string(), crypto::SecretKey::Generate()),
                 CodedError);
  }
}

TEST(TemplateInterop, PasswordHashMatchesTheOfficialOne) {
  const auto salt = GeneratePasswordSalt();
  const std::string password =
      "pw äö€ " + crypto::RandomString(12, "abcdefghijklmnopqrstuvwxyz0123456789");
  const auto node = RunNodeJson("template_peer.js", {{"cmd", "passwordHash"},
                                                     {"password", password},
                                                     {"salt", base64::EncodeUrlNoPad(salt)}})
                        .as_object();
  EXPECT_EQ(node.at("hash").as_string(), DerivePasswordHash(password, salt));
}

}  // namespace
}  // namespace nmshd::transport
