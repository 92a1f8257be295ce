#include "transport/transmission/relationship_creation_response.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/signatures.h"
#include "transport/transmission/relationship_signed.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {

namespace {

constexpr const char* kInvalid = "error.transport.relationships.invalidCreationResponseContent";
constexpr std::string_view kSignedField = "serializedCreationResponseContent";

std::span<const std::uint8_t> Utf8(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

PreparedCreationResponse PrepareCreationResponse(const crypto::SignaturePrivateKey& device_key,
                                                 std::string_view relationship_id,
                                                 crypto::RelationshipSecrets secrets) {
  const std::string serialized = SerializeServal({
      {"@type", "RelationshipCreationResponseContentWrapper"},
      {"relationshipId", relationship_id},
  });
  const RelationshipSigned signed_content{
      serialized, crypto::Sign(Utf8(serialized), device_key, crypto::HashAlgorithm::kSha512),
      secrets.Sign(Utf8(serialized))};
  const auto cipher = secrets.Encrypt(Utf8(signed_content.Serialize(kSignedField)));
  const std::string outer = SerializeServal({
      {"@type", "RelationshipCreationResponseContentCipher"},
      {"cipher", cipher.ToJson(false)},
      {"publicCreationResponseContentCrypto", secrets.ToPublicResponse().ToJson(false)},
  });
  return {base64::EncodeUrlNoPad(outer), std::move(secrets)};
}

PreparedCreationResponse PrepareCreationResponse(const crypto::SignaturePrivateKey& device_key,
                                                 std::string_view relationship_id,
                                                 const crypto::RelationshipPublicRequest& request,
                                                 const crypto::ExchangeKeypair& template_keypair) {
  return PrepareCreationResponse(
      device_key, relationship_id,
      crypto::RelationshipSecrets::FromRelationshipRequest(request, template_keypair));
}

crypto::RelationshipSecrets CompleteFromCreationResponse(
    std::string_view creation_response_content, const crypto::RelationshipRequestSecrets& request,
    std::optional<std::string_view> expected_relationship_id) {
  auto [cipher, response] = ReportAs(kInvalid, "RelationshipCreationResponseContentCipher", [&] {
    const auto outer =
        ParseServalObject(base64::ToString(base64::DecodeUrlNoPad(creation_response_content)),
                          kInvalid, "RelationshipCreationResponseContentCipher");
    const auto* cipher_json = json::Find(outer, "cipher");
    const auto* response_json = json::Find(outer, "publicCreationResponseContentCrypto");
    if (cipher_json == nullptr || response_json == nullptr) {
      throw CodedError(kInvalid, "cipher and publicCreationResponseContentCrypto are required");
    }
    return std::pair{crypto::Cipher::FromJson(*cipher_json),
                     crypto::RelationshipPublicResponse::FromJson(*response_json)};
  });

  auto secrets = crypto::RelationshipSecrets::FromRelationshipResponse(response, request);
  // Checked on a copy: the official requestor never reads this cipher, so its receive counter
  // must stay where the official one stays.
  auto probe = secrets;
  const auto plain = probe.DecryptPeer(cipher, /*omit_counter_check=*/true);
  const auto signed_content = RelationshipSigned::Parse(
      std::string_view(reinterpret_cast<const char*>(plain.data()), plain.size()), kSignedField,
      kInvalid);
  if (!secrets.VerifyPeer(Utf8(signed_content.serialized), signed_content.relationship_signature)) {
    throw CodedError("error.transport.signatureNotValid",
                     "The relationshipCreationResponseContent-signature is not valid.");
  }
  const std::string relationship_id =
      ReportAs(kInvalid, "RelationshipCreationResponseContentWrapper", [&] {
        const auto o = ParseServalObject(signed_content.serialized, kInvalid,
                                         "RelationshipCreationResponseContentWrapper");
        return std::string(
            json::RequireString(o, "relationshipId", "RelationshipCreationResponseContentWrapper"));
      });
  if (expected_relationship_id && relationship_id != *expected_relationship_id) {
    throw CodedError("error.transport.relationships.wrongRelationshipId",
                     "the creation response is for relationship " + relationship_id + ", not " +
                         std::string(*expected_relationship_id));
  }
  return secrets;
}

}  // namespace nmshd::transport
