// Relationship creation both ways against the official @nmshd/transport 7.0.0
// (relationship_peer.js, template_peer.js): the requestor on one side, the templator on the other,
// then each side encrypts a payload with its final secrets that the other side decrypts.
#include <gtest/gtest.h>

#include "base/base64.h"
#include "base/js_json.h"
#include "crypto/signatures.h"
#include "node_runner.h"
#include "transport/transmission/relationship_creation_content.h"
#include "transport/transmission/relationship_creation_response.h"
#include "transport/transmission/relationship_signed.h"
#include "transport/transmission/template_content.h"

namespace nmshd::transport {
namespace {

using testing::RunNodeJson;

constexpr std::string_view kRealm = "localhost";
constexpr std::string_view kTemplateId = "RLTinteropTemplate01";
constexpr std::string_view kRelationshipId = "RELinteropRelation01";

std::span<const std::uint8_t> Utf8(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}
std::string Text(const crypto::Bytes& bytes) { return {bytes.begin(), bytes.end()}; }

struct CppIdentity {
  crypto::SignatureKeypair identity_keypair = crypto::SignatureKeypair::Generate();
  crypto::SignatureKeypair device_keypair = crypto::SignatureKeypair::Generate();
  PublicIdentity identity{
      core::IdentityAddress::Derive(identity_keypair.publicKey().bytes(), kRealm),
      identity_keypair.publicKey()};
};

boost::json::object Node(const std::string& script, const boost::json::object& request) {
  auto result = RunNodeJson(script, request).as_object();
  if (result.contains("error")) ADD_FAILURE() << script << ": " << json::Stringify(result);
  return result;
}

TEST(RelationshipInterop, NodeRequestorAndCppTemplator) {
  const CppIdentity templator;
  const auto template_key = TemplateKey::Generate();
  const auto sealed = SealTemplate(
      templator.identity.address, templator.identity_keypair, template_key.public_key,
      boost::json::object{{"@type", "ArbitraryRelationshipTemplateContent"}, {"value", "t"}});
  const boost::json::object creation_content{{"@type", "ArbitraryRelationshipCreationContent"},
                                             {"value", boost::json::object{{"z", "ü"}, {"a", 1}}}};

  const auto request =
      Node("relationship_peer.js", {{"cmd", "requestorPrepare"},
                                    {"template",
                                     {{"content", sealed.content},
                                      {"secretKey", sealed.secret_key.ToJson()},
                                      {"id", kTemplateId},
                                      {"createdBy", templator.identity.address.str()}}},
                                    {"content", creation_content},
                                    {"realm", kRealm}});
  ASSERT_FALSE(request.contains("error"));
  const auto& requestor = request.at("requestor").as_object();

  auto opened = OpenCreationContent(request.at("creationContent").as_string(), template_key.keypair,
                                    kTemplateId);
  EXPECT_EQ(opened.identity.address.str(), requestor.at("address").as_string());
  EXPECT_EQ(opened.identity.public_key,
            crypto::SignatureKeypair::FromJson(requestor.at("identityKeypair")).publicKey());
  EXPECT_EQ(opened.content, creation_content);
  EXPECT_EQ(opened.template_id, kTemplateId);
  EXPECT_TRUE(
      crypto::Verify(Utf8(opened.serialized_creation_content), opened.device_signature,
                     crypto::SignaturePublicKey::FromJson(requestor.at("devicePublicKey"))));

  auto response = PrepareCreationResponse(templator.device_keypair.privateKey(), kRelationshipId,
                                          std::move(opened.secrets));
  const auto completed =
      Node("relationship_peer.js", {{"cmd", "requestorComplete"},
                                    {"requestSecrets", request.at("requestSecrets")},
                                    {"creationResponseContent", response.creation_response_content},
                                    {"payload", "from the Node requestor"}});
  ASSERT_FALSE(completed.contains("error"));
  EXPECT_EQ(completed.at("relationshipId").as_string(), kRelationshipId);
  EXPECT_EQ(completed.at("responseSignatureValid"), true);
  EXPECT_EQ(completed.at("responseIsCanonical"), true);

  // The keys match both ways; the requestor's first message arrives in order.
  auto secrets = std::move(response.secrets);
  EXPECT_EQ(
      Text(secrets.DecryptPeer(crypto::Cipher::FromBase64(completed.at("cipher").as_string()))),
      "from the Node requestor");
  const auto to_node = secrets.Encrypt(Utf8("from the C++ templator ✓"));
  const auto decrypted = Node("relationship_peer.js", {{"cmd", "decryptPeer"},
                                                       {"secrets", completed.at("secrets")},
                                                       {"cipher", to_node.ToBase64()}});
  EXPECT_EQ(decrypted.at("plaintext"), "from the C++ templator ✓");
}

TEST(RelationshipInterop, CppRequestorAndNodeTemplator) {
  const auto node_template =
      Node("template_peer.js",
           {{"cmd", "seal"},
            {"content", {{"@type", "ArbitraryRelationshipTemplateContent"}, {"value", 7}}},
            {"realm", kRealm}});
  ASSERT_FALSE(node_template.contains("error"));
  const auto peer_template =
      OpenTemplate(node_template.at("content").as_string(),
                   crypto::SecretKey::FromJson(node_template.at("secretKey")));

  const CppIdentity requestor;
  const boost::json::object creation_content{{"title", "plain creation content"}, {"n", 3}};
  const auto request =
      PrepareCreationContent(requestor.identity, requestor.device_keypair.privateKey(), kTemplateId,
                             peer_template, creation_content);

  const auto answered =
      Node("relationship_peer.js",
           {{"cmd", "templatorRespond"},
            {"templateKeypair", node_template.at("templateKeypair")},
            {"templateKeyId", node_template.at("templateKey").at("id")},
            {"creationContent", request.creation_content},
            {"requestorAddress", requestor.identity.address.str()},
            {"requestorDevicePublicKey", requestor.device_keypair.publicKey().ToJson()},
            {"relationshipId", kRelationshipId},
            {"payload", "from the Node templator"},
            {"realm", kRealm}});
  ASSERT_FALSE(answered.contains("error"));
  EXPECT_EQ(answered.at("identity").at("address").as_string(), requestor.identity.address.str());
  EXPECT_EQ(answered.at("identity").at("publicKey").at("pub").as_string(),
            base64::EncodeUrlNoPad(requestor.identity_keypair.publicKey().bytes()));
  EXPECT_EQ(answered.at("content"), creation_content);
  EXPECT_EQ(answered.at("contentType"), "JSONWrapper");
  EXPECT_EQ(answered.at("templateId").as_string(), kTemplateId);
  EXPECT_EQ(answered.at("addressMatchesKey"), true);
  EXPECT_EQ(answered.at("deviceSignatureValid"), true);
  EXPECT_EQ(answered.at("creationContentIsCanonical"), true);

  auto secrets = CompleteFromCreationResponse(answered.at("creationResponseContent").as_string(),
                                              request.secrets, kRelationshipId);
  // The templator's message used counter 1 (0 went to the response): read it as messages are read.
  EXPECT_EQ(Text(secrets.DecryptPeer(crypto::Cipher::FromBase64(answered.at("cipher").as_string()),
                                     true)),
            "from the Node templator");
  const auto to_node = secrets.Encrypt(Utf8("from the C++ requestor ✓"));
  const auto decrypted = Node("relationship_peer.js", {{"cmd", "decryptPeer"},
                                                       {"secrets", answered.at("secrets")},
                                                       {"cipher", to_node.ToBase64()}});
  EXPECT_EQ(decrypted.at("plaintext"), "from the C++ requestor ✓");
}

TEST(RelationshipInterop, NodeTemplatorRejectsATamperedCreationContent) {
  const auto node_template =
      Node("template_peer.js", {{"cmd", "seal"}, {"content", {{"a", 1}}}, {"realm", kRealm}});
  ASSERT_FALSE(node_template.contains("error"));
  const auto peer_template =
      OpenTemplate(node_template.at("content").as_string(),
                   crypto::SecretKey::FromJson(node_template.at("secretKey")));
  const CppIdentity requestor;
  const auto request =
      PrepareCreationContent(requestor.identity, requestor.device_keypair.privateKey(), kTemplateId,
                             peer_template, boost::json::object{{"a", 1}});
  // Swap the relationship signature for the device signature and re-encrypt with the request key.
  auto outer =
      json::Parse(base64::ToString(base64::DecodeUrlNoPad(request.creation_content))).as_object();
  auto signed_content = RelationshipSigned::Parse(
      Text(request.secrets.DecryptRequest(crypto::Cipher::FromJson(outer.at("cipher")))),
      "serializedCreationContent", "test");
  signed_content.relationship_signature = signed_content.device_signature;
  outer["cipher"] =
      request.secrets.EncryptRequest(Utf8(signed_content.Serialize("serializedCreationContent")))
          .ToJson(false);
  const auto tampered = base64::EncodeUrlNoPad(json::Stringify(outer));

  const auto answered =
      RunNodeJson("relationship_peer.js",
                  {{"cmd", "templatorRespond"},
                   {"templateKeypair", node_template.at("templateKeypair")},
                   {"templateKeyId", node_template.at("templateKey").at("id")},
                   {"creationContent", tampered},
                   {"requestorAddress", requestor.identity.address.str()},
                   {"requestorDevicePublicKey", requestor.device_keypair.publicKey().ToJson()},
                   {"relationshipId", kRelationshipId},
                   {"payload", "x"},
                   {"realm", kRealm}})
          .as_object();
  ASSERT_TRUE(answered.contains("error")) << json::Stringify(answered);
  EXPECT_EQ(answered.at("error").at("code"), "error.transport.signatureNotValid");
}

}  // namespace
}  // namespace nmshd::transport
