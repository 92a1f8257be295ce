#include "crypto/signatures.h"
#include "relationship_test_support.h"
#include "transport/transmission/relationship_creation_content.h"
#include "transport/transmission/relationship_creation_response.h"
#include "transport/transmission/relationship_signed.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {
namespace {

using namespace relationship_test;

constexpr std::string_view kTemplateId = "RLTaaaaaaaaaaaaaaaaa";
constexpr std::string_view kRelationshipId = "RELaaaaaaaaaaaaaaaaa";
const boost::json::object kContent{{"@type", "ArbitraryRelationshipCreationContent"},
                                   {"value", boost::json::object{{"b", 1}, {"a", "ü"}}}};

struct Handshake {
  TestIdentity templator = MakeIdentity();
  TestIdentity requestor = MakeIdentity("other.example");
  TemplateKey template_key = TemplateKey::Generate();

  PreparedCreationContent Request(const boost::json::object& content = kContent) const {
    return PrepareCreationContent(requestor.identity, requestor.device_keypair.privateKey(),
                                  kTemplateId, template_key.public_key,
                                  templator.identity_keypair.publicKey(), content);
  }
};

TEST(RelationshipCreation, FullHandshakeGivesMatchingSecrets) {
  const Handshake h;
  const auto request = h.Request();

  auto opened = OpenCreationContent(request.creation_content, h.template_key.keypair, kTemplateId);
  EXPECT_EQ(opened.identity, h.requestor.identity);
  EXPECT_EQ(opened.content, kContent);
  EXPECT_EQ(opened.template_id, kTemplateId);
  EXPECT_EQ(opened.public_request, request.secrets.ToPublicRequest());
  EXPECT_EQ(opened.serialized_creation_content, request.serialized_creation_content);
  EXPECT_EQ(opened.relationship_signature.algorithm(), crypto::HashAlgorithm::kSha256);
  EXPECT_EQ(opened.device_signature.algorithm(), crypto::HashAlgorithm::kSha512);
  EXPECT_TRUE(crypto::Verify(Utf8(opened.serialized_creation_content), opened.device_signature,
                             h.requestor.device_keypair.publicKey()));

  auto response = PrepareCreationResponse(h.templator.device_keypair.privateKey(), kRelationshipId,
                                          std::move(opened.secrets));
  auto requestor = CompleteFromCreationResponse(response.creation_response_content, request.secrets,
                                                kRelationshipId);
  auto templator = std::move(response.secrets);
  EXPECT_EQ(requestor.type(), crypto::RelationshipType::kRequestor);
  EXPECT_EQ(templator.type(), crypto::RelationshipType::kTemplator);
  // As in the official code the response used the templator's first transmit counter.
  EXPECT_EQ(templator.ToJson().at("tx").at("cnt").to_number<int>(), 1);
  EXPECT_EQ(requestor.ToJson().at("rx").at("cnt").to_number<int>(), 0);

  const auto to_templator = requestor.Encrypt(Utf8("from the requestor"));
  EXPECT_EQ(AsText(templator.DecryptPeer(to_templator)), "from the requestor");
  const auto to_requestor = templator.Encrypt(Utf8("from the templator"));
  EXPECT_EQ(AsText(requestor.DecryptPeer(to_requestor, /*omit_counter_check=*/true)),
            "from the templator");
  EXPECT_TRUE(templator.VerifyPeer(Utf8("x"), requestor.Sign(Utf8("x"))));
  EXPECT_TRUE(requestor.VerifyPeer(Utf8("x"), templator.Sign(Utf8("x"))));
}

TEST(RelationshipCreation, ResponseFromPublicRequestAndTemplateKeyWorksToo) {
  const Handshake h;
  const auto request = h.Request();
  const auto opened =
      OpenCreationContent(request.creation_content, h.template_key.keypair, kTemplateId);
  auto response = PrepareCreationResponse(h.templator.device_keypair.privateKey(), kRelationshipId,
                                          opened.public_request, h.template_key.keypair);
  auto requestor =
      CompleteFromCreationResponse(response.creation_response_content, request.secrets);
  EXPECT_EQ(AsText(response.secrets.DecryptPeer(requestor.Encrypt(Utf8("hi")))), "hi");
}

TEST(RelationshipCreation, WireShapesAreTheOfficialOnes) {
  const Handshake h;
  const auto request = h.Request();
  EXPECT_EQ(
      request.serialized_creation_content,
      R"({"@type":"RelationshipCreationContentWrapper","content":{"@type":"ArbitraryRelationshipCreationContent","value":{"b":1,"a":"ü"}},)"
      R"("identity":)" +
          json::Stringify(h.requestor.identity.ToJson()) +
          R"(,"templateId":"RLTaaaaaaaaaaaaaaaaa"})");
  const auto outer = DecodeOuter(request.creation_content);
  std::vector<std::string> keys;
  for (const auto& kv : outer) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"@type", "cipher", "publicCreationContentCrypto"}));
  EXPECT_FALSE(outer.at("cipher").as_object().contains("@type"));
  EXPECT_EQ(json::Stringify(outer.at("publicCreationContentCrypto")),
            json::Stringify(request.secrets.ToPublicRequest().ToJson(false)));
  const auto signed_text =
      AsText(request.secrets.DecryptRequest(crypto::Cipher::FromJson(outer.at("cipher"))));
  EXPECT_THAT(signed_text, ::testing::StartsWith(R"({"deviceSignature":{"sig":")"));
}

TEST(RelationshipCreation, OtherTemplateIdIsRejected) {
  const Handshake h;
  const auto request = h.Request();
  ExpectCode(
      [&] {
        OpenCreationContent(request.creation_content, h.template_key.keypair,
                            "RLTbbbbbbbbbbbbbbbbb");
      },
      "error.transport.relationships.wrongTemplateId");
}

TEST(RelationshipCreation, OtherTemplateKeyCannotDecrypt) {
  const Handshake h;
  const auto request = h.Request();
  ExpectCode(
      [&] {
        OpenCreationContent(request.creation_content, crypto::ExchangeKeypair::Generate(),
                            kTemplateId);
      },
      "error.crypto.encryption.decrypt");
}

// Re-encrypts the request with its own key after `edit` changed the signed envelope.
std::string Tampered(const PreparedCreationContent& request,
                     const std::function<void(RelationshipSigned&)>& edit) {
  auto outer = DecodeOuter(request.creation_content);
  auto signed_content = RelationshipSigned::Parse(
      AsText(request.secrets.DecryptRequest(crypto::Cipher::FromJson(outer.at("cipher")))),
      "serializedCreationContent", "test");
  edit(signed_content);
  outer["cipher"] =
      request.secrets.EncryptRequest(Utf8(signed_content.Serialize("serializedCreationContent")))
          .ToJson(false);
  return EncodeOuter(outer);
}

TEST(RelationshipCreation, BadRelationshipSignatureIsRejected) {
  const Handshake h;
  const auto request = h.Request();
  // Signed by the device key instead of the relationship key.
  const auto wrong_key = Tampered(
      request, [](RelationshipSigned& s) { s.relationship_signature = s.device_signature; });
  ExpectCode([&] { OpenCreationContent(wrong_key, h.template_key.keypair, kTemplateId); },
             "error.transport.signatureNotValid");
  // Content changed after signing.
  const auto changed = Tampered(request, [](RelationshipSigned& s) {
    s.serialized.replace(s.serialized.find("\"b\":1"), 5, "\"b\":2");
  });
  ExpectCode([&] { OpenCreationContent(changed, h.template_key.keypair, kTemplateId); },
             "error.transport.signatureNotValid");
}

TEST(RelationshipCreation, RequestorAddressMustBelongToItsKey) {
  Handshake h;
  const auto other = MakeIdentity();
  const PublicIdentity forged{other.identity.address, h.requestor.identity.public_key};
  ExpectCode(
      [&] {
        PrepareCreationContent(forged, h.requestor.device_keypair.privateKey(), kTemplateId,
                               h.template_key.public_key, h.templator.identity_keypair.publicKey(),
                               kContent);
      },
      "error.transport.invalidIdentity");
  // A correctly signed request naming someone else's address.
  const auto request = h.Request();
  const auto forged_request = Tampered(request, [&](RelationshipSigned& s) {
    auto wrapper = json::Parse(s.serialized).as_object();
    wrapper["identity"] = forged.ToJson();
    s.serialized = SerializeServal(wrapper);
    s.relationship_signature = request.secrets.Sign(Utf8(s.serialized));
  });
  ExpectCode([&] { OpenCreationContent(forged_request, h.template_key.keypair, kTemplateId); },
             "error.transport.invalidIdentity");
}

TEST(RelationshipCreation, MalformedCreationContentIsReported) {
  const Handshake h;
  ExpectCode([&] { OpenCreationContent("%%%", h.template_key.keypair, kTemplateId); },
             "error.transport.relationships.invalidCreationContent");
  ExpectCode(
      [&] {
        OpenCreationContent(base64::EncodeUrlNoPad(std::string_view("{\"cipher\":{}}")),
                            h.template_key.keypair, kTemplateId);
      },
      "error.transport.relationships.invalidCreationContent");
  const auto request = h.Request();
  auto outer = DecodeOuter(request.creation_content);
  outer["cipher"] =
      request.secrets.EncryptRequest(Utf8("{\"serializedCreationContent\":\"{}\"}")).ToJson(false);
  ExpectCode([&] { OpenCreationContent(EncodeOuter(outer), h.template_key.keypair, kTemplateId); },
             "error.transport.relationships.invalidCreationContent");
}

TEST(RelationshipCreationResponse, WrongRelationshipIdIsRejected) {
  const Handshake h;
  const auto request = h.Request();
  auto opened = OpenCreationContent(request.creation_content, h.template_key.keypair, kTemplateId);
  const auto response = PrepareCreationResponse(h.templator.device_keypair.privateKey(),
                                                kRelationshipId, std::move(opened.secrets));
  ExpectCode(
      [&] {
        CompleteFromCreationResponse(response.creation_response_content, request.secrets,
                                     "RELbbbbbbbbbbbbbbbbb");
      },
      "error.transport.relationships.wrongRelationshipId");
}

TEST(RelationshipCreationResponse, ResponseToAnotherRequestCannotBeDecrypted) {
  const Handshake h;
  const auto request = h.Request();
  const auto other_request = h.Request();
  auto opened = OpenCreationContent(request.creation_content, h.template_key.keypair, kTemplateId);
  const auto response = PrepareCreationResponse(h.templator.device_keypair.privateKey(),
                                                kRelationshipId, std::move(opened.secrets));
  ExpectCode(
      [&] {
        CompleteFromCreationResponse(response.creation_response_content, other_request.secrets);
      },
      "error.crypto.encryption.decrypt");
}

TEST(RelationshipCreationResponse, BadRelationshipSignatureIsRejected) {
  const Handshake h;
  const auto request = h.Request();
  auto secrets =
      OpenCreationContent(request.creation_content, h.template_key.keypair, kTemplateId).secrets;
  const std::string serialized =
      SerializeServal({{"@type", "RelationshipCreationResponseContentWrapper"},
                       {"relationshipId", kRelationshipId}});
  const auto device_sig = crypto::Sign(Utf8(serialized), h.templator.device_keypair.privateKey());
  const RelationshipSigned forged{serialized, device_sig, device_sig};
  const auto cipher = secrets.Encrypt(Utf8(forged.Serialize("serializedCreationResponseContent")));
  const auto content = EncodeOuter(ServalSorted(
      {{"@type", "RelationshipCreationResponseContentCipher"},
       {"cipher", cipher.ToJson(false)},
       {"publicCreationResponseContentCrypto", secrets.ToPublicResponse().ToJson(false)}}));
  ExpectCode([&] { CompleteFromCreationResponse(content, request.secrets); },
             "error.transport.signatureNotValid");
  ExpectCode([&] { CompleteFromCreationResponse("e30", request.secrets); },
             "error.transport.relationships.invalidCreationResponseContent");
}

}  // namespace
}  // namespace nmshd::transport
