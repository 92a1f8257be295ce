#pragma once
// The templator's answer when accepting a relationship (RelationshipsController
// .prepareCreationResponseContent of @nmshd/transport 7.0.0):
//   serialized = RelationshipCreationResponseContentWrapper{relationshipId}.serialize()
//   signed     = RelationshipCreationResponseContentSigned{serializedCreationResponseContent,
//                deviceSignature, relationshipSignature}.serialize(false)
//   creationResponseContent = base64url(RelationshipCreationResponseContentCipher{
//                cipher: relationship transmit state encrypt(signed) (counter cipher),
//                publicCreationResponseContentCrypto:
//                CryptoRelationshipPublicResponse}.serialize())
// The official requestor only uses the public response to complete its secrets; we also decrypt
// the cipher (without moving the receive counter) and verify the relationship signature.
#include <optional>
#include <string>
#include <string_view>

#include "crypto/exchange_keypair.h"
#include "crypto/relationship_public_request.h"
#include "crypto/relationship_request_secrets.h"
#include "crypto/relationship_secrets.h"
#include "crypto/signature_private_key.h"

namespace nmshd::transport {

struct PreparedCreationResponse {
  std::string creation_response_content;  // PUT /Relationships/{id}/Accept creationResponseContent
  // The templator's secrets after encrypting the response (transmit counter advanced by one, as
  // in the official code): persist these, replacing the ones from OpenCreationContent.
  crypto::RelationshipSecrets secrets;
};

// Templator side with the secrets from OpenCreationContent.
PreparedCreationResponse PrepareCreationResponse(const crypto::SignaturePrivateKey& device_key,
                                                 std::string_view relationship_id,
                                                 crypto::RelationshipSecrets secrets);
// Templator side from the request's public crypto and the template key pair (fresh secrets).
PreparedCreationResponse PrepareCreationResponse(const crypto::SignaturePrivateKey& device_key,
                                                 std::string_view relationship_id,
                                                 const crypto::RelationshipPublicRequest& request,
                                                 const crypto::ExchangeKeypair& template_keypair);

// Requestor side on acceptance: the full relationship secrets to persist in place of the request
// secrets. Codes: error.transport.relationships.invalidCreationResponseContent for anything
// malformed (base64url, cipher, public response, signed response, wrapper),
// error.crypto.encryption.decrypt when the response does not belong to these request secrets,
// error.transport.signatureNotValid for a bad relationship signature,
// error.transport.relationships.wrongRelationshipId when `expected_relationship_id` is given and
// the response names another relationship.
crypto::RelationshipSecrets CompleteFromCreationResponse(
    std::string_view creation_response_content, const crypto::RelationshipRequestSecrets& request,
    std::optional<std::string_view> expected_relationship_id = std::nullopt);

}  // namespace nmshd::transport
