#pragma once
// The creation content of a relationship request (RelationshipsController of
// @nmshd/transport 7.0.0):
//   serializedCreationContent = RelationshipCreationContentWrapper{content, identity,
//   templateId}.serialize() signed  = RelationshipCreationContentSigned{serializedCreationContent,
//   deviceSignature,
//             relationshipSignature}.serialize(false)              (no "@type" at the top level)
//   creationContent = base64url(RelationshipCreationContentCipher{cipher: XChaCha20(signed, K_req),
//             publicCreationContentCrypto: CryptoRelationshipPublicRequest}.serialize())
// deviceSignature is made with the requestor's DEVICE key (SHA512 label), relationshipSignature
// with the fresh relationship signature key of the request secrets (SHA256 label). K_req comes from
// the requestor's ephemeral key and the template key (CryptoRelationshipRequestSecrets). The
// templator can only verify relationshipSignature (it never learns the requestor's device key), as
// the official templator does.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "crypto/exchange_keypair.h"
#include "crypto/relationship_public_request.h"
#include "crypto/relationship_request_secrets.h"
#include "crypto/relationship_secrets.h"
#include "crypto/signature.h"
#include "crypto/signature_private_key.h"
#include "transport/transmission/relationship_identity.h"
#include "transport/transmission/template_content.h"
#include "transport/transmission/template_public_key.h"

namespace nmshd::transport {

struct PreparedCreationContent {
  std::string creation_content;                // POST /Relationships creationContent
  crypto::RelationshipRequestSecrets secrets;  // keep until the templator's response arrives
  std::string serialized_creation_content;     // what was signed
};

// Requestor side. `own_identity` is our address and identity public key, `device_key` our device
// signature key; the template is given by its id, its template key and the templator's identity
// key (from OpenTemplate). `content` (the app's RelationshipCreationContent,
// ArbitraryRelationshipCreationContent or plain JSON) is embedded unchanged.
// Throws error.transport.invalidIdentity when our address does not belong to our identity key.
PreparedCreationContent PrepareCreationContent(
    const PublicIdentity& own_identity, const crypto::SignaturePrivateKey& device_key,
    std::string_view template_id, const TemplatePublicKey& template_key,
    const crypto::SignaturePublicKey& templator_identity_key, const boost::json::object& content);
// The same for a template opened with OpenTemplate.
PreparedCreationContent PrepareCreationContent(const PublicIdentity& own_identity,
                                               const crypto::SignaturePrivateKey& device_key,
                                               std::string_view template_id,
                                               const OpenedTemplate& peer_template,
                                               const boost::json::object& content);

struct OpenedCreationContent {
  PublicIdentity identity;      // the requestor
  boost::json::object content;  // the app content as sent
  std::string template_id;
  crypto::RelationshipPublicRequest public_request;
  // The templator's relationship secrets for this request (createTemplatorSecrets): keep them
  // under the relationship secret id; PrepareCreationResponse encrypts the response with them.
  crypto::RelationshipSecrets secrets;
  std::string serialized_creation_content;   // the signed text
  crypto::Signature device_signature;        // by the requestor's device key, not verifiable here
  crypto::Signature relationship_signature;  // verified
};

// Templator side: `template_keypair` is the template key kept under the template key id,
// `expected_template_id` the template the Backbone says the relationship was created from.
// Codes: error.transport.relationships.invalidCreationContent for anything malformed (base64url,
// cipher, public request, signed content, wrapper), error.crypto.encryption.decrypt when the
// request was not made for this template key,
// error.transport.signatureNotValid for a bad relationship signature,
// error.transport.relationships.wrongTemplateId when the content names another template,
// error.transport.invalidIdentity when the requestor's address does not belong to its key.
OpenedCreationContent OpenCreationContent(std::string_view creation_content,
                                          const crypto::ExchangeKeypair& template_keypair,
                                          std::string_view expected_template_id);

}  // namespace nmshd::transport
