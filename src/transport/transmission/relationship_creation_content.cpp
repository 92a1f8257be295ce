#include "transport/transmission/relationship_creation_content.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/signatures.h"
#include "transport/transmission/relationship_signed.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {

namespace {

constexpr const char* kInvalid = "error.transport.relationships.invalidCreationContent";
constexpr std::string_view kSignedField = "serializedCreationContent";

std::span<const std::uint8_t> Utf8(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string_view Text(const crypto::Bytes& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

PreparedCreationContent PrepareCreationContent(
    const PublicIdentity& own_identity, const crypto::SignaturePrivateKey& device_key,
    std::string_view template_id, const TemplatePublicKey& template_key,
    const crypto::SignaturePublicKey& templator_identity_key, const boost::json::object& content) {
  if (!own_identity.MatchesKey()) {
    throw CodedError(
        "error.transport.invalidIdentity",
        "the address " + own_identity.address.str() + " does not belong to the identity key");
  }
  auto secrets =
      crypto::RelationshipRequestSecrets::FromPeer(template_key.key, templator_identity_key);
  std::string serialized = SerializeServal({
      {"@type", "RelationshipCreationContentWrapper"},
      {"content", content},
      {"identity", own_identity.ToJson()},
      {"templateId", template_id},
  });
  const RelationshipSigned signed_content{
      serialized, crypto::Sign(Utf8(serialized), device_key, crypto::HashAlgorithm::kSha512),
      secrets.Sign(Utf8(serialized))};
  const auto cipher = secrets.EncryptRequest(Utf8(signed_content.Serialize(kSignedField)));
  const std::string outer = SerializeServal({
      {"@type", "RelationshipCreationContentCipher"},
      {"cipher", cipher.ToJson(false)},
      {"publicCreationContentCrypto", secrets.ToPublicRequest().ToJson(false)},
  });
  return {base64::EncodeUrlNoPad(outer), std::move(secrets), std::move(serialized)};
}

PreparedCreationContent PrepareCreationContent(const PublicIdentity& own_identity,
                                               const crypto::SignaturePrivateKey& device_key,
                                               std::string_view template_id,
                                               const OpenedTemplate& peer_template,
                                               const boost::json::object& content) {
  return PrepareCreationContent(own_identity, device_key, template_id, peer_template.template_key,
                                peer_template.identity.public_key, content);
}

OpenedCreationContent OpenCreationContent(std::string_view creation_content,
                                          const crypto::ExchangeKeypair& template_keypair,
                                          std::string_view expected_template_id) {
  auto [cipher, request] = ReportAs(kInvalid, "RelationshipCreationContentCipher", [&] {
    const auto outer = ParseServalObject(base64::ToString(base64::DecodeUrlNoPad(creation_content)),
                                         kInvalid, "RelationshipCreationContentCipher");
    const auto* cipher_json = json::Find(outer, "cipher");
    const auto* request_json = json::Find(outer, "publicCreationContentCrypto");
    if (cipher_json == nullptr || request_json == nullptr) {
      throw CodedError(kInvalid, "cipher and publicCreationContentCrypto are required");
    }
    return std::pair{crypto::Cipher::FromJson(*cipher_json),
                     crypto::RelationshipPublicRequest::FromJson(*request_json)};
  });

  auto secrets = crypto::RelationshipSecrets::FromRelationshipRequest(request, template_keypair);
  const auto plain = secrets.DecryptRequest(cipher);
  auto signed_content = RelationshipSigned::Parse(Text(plain), kSignedField, kInvalid);
  if (!secrets.VerifyPeer(Utf8(signed_content.serialized), signed_content.relationship_signature)) {
    throw CodedError("error.transport.signatureNotValid",
                     "The relationshipCreationContent-signature is not valid.");
  }

  auto [identity, content,
        template_id] = ReportAs(kInvalid, "RelationshipCreationContentWrapper", [&] {
    const auto o = ParseServalObject(signed_content.serialized, kInvalid,
                                     "RelationshipCreationContentWrapper");
    const auto* identity_json = json::Find(o, "identity");
    const auto* content_json = json::Find(o, "content");
    if (identity_json == nullptr || content_json == nullptr) {
      throw CodedError(kInvalid, "identity and content are required");
    }
    return std::tuple{
        PublicIdentity::FromJson(*identity_json),
        json::AsObject(*content_json, "RelationshipCreationContentWrapper.content"),
        std::string(json::RequireString(o, "templateId", "RelationshipCreationContentWrapper"))};
  });
  if (template_id != expected_template_id) {
    throw CodedError("error.transport.relationships.wrongTemplateId",
                     "the creation content was made for template " + template_id + ", not " +
                         std::string(expected_template_id));
  }
  if (!identity.MatchesKey()) {
    throw CodedError("error.transport.invalidIdentity", "the requestor's address " +
                                                            identity.address.str() +
                                                            " does not belong to its identity key");
  }
  return {std::move(identity),
          std::move(content),
          std::move(template_id),
          std::move(request),
          std::move(secrets),
          std::move(signed_content.serialized),
          std::move(signed_content.device_signature),
          std::move(signed_content.relationship_signature)};
}

}  // namespace nmshd::transport
