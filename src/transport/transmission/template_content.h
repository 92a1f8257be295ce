#pragma once
// The encrypted, signed content of a relationship template (RelationshipTemplateController of
// @nmshd/transport 7.0.0):
//   serializedTemplate = RelationshipTemplateContentWrapper{identity, templateKey,
//   content}.serialize() signed             = RelationshipTemplateSigned{serializedTemplate,
//   deviceSignature}.serialize() content            = base64url(CryptoCipher JSON of
//   XChaCha20(signed, K_T, random nonce))
// "deviceSignature" is, despite its name, made with the IDENTITY signature key (IdentityController
// .sign, SHA512 label), and loaders verify it against the identity key inside the template itself.
// K_T is random per template and shared out of band (template reference or token content).
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "core/identity_address.h"
#include "crypto/secret_key.h"
#include "crypto/signature.h"
#include "crypto/signature_keypair.h"
#include "transport/transmission/relationship_identity.h"
#include "transport/transmission/template_public_key.h"

namespace nmshd::transport {

struct SealedTemplate {
  std::string content;              // the Backbone's RelationshipTemplate.content
  crypto::SecretKey secret_key;     // K_T, for references and token contents
  std::string serialized_template;  // what was signed
};

// `content` is the app content (e.g. a RelationshipTemplateContent or
// ArbitraryRelationshipTemplateContent with its "@type", or plain JSON); it is embedded unchanged.
// Throws error.transport.invalidIdentity when `address` is not derived from the key pair.
SealedTemplate SealTemplate(const core::IdentityAddress& address,
                            const crypto::SignatureKeypair& identity_keypair,
                            const TemplatePublicKey& template_key,
                            const boost::json::object& content);
// The same with a caller-chosen K_T (e.g. re-encrypting an existing template).
std::string SealTemplate(const core::IdentityAddress& address,
                         const crypto::SignatureKeypair& identity_keypair,
                         const TemplatePublicKey& template_key, const boost::json::object& content,
                         const crypto::SecretKey& secret_key);

struct OpenedTemplate {
  PublicIdentity identity;          // the templator
  TemplatePublicKey template_key;   // to request a relationship with
  boost::json::object content;      // the app content as sent
  std::string serialized_template;  // the signed text
  crypto::Signature signature;
};

// Decrypts and verifies. Codes: error.transport.relationshipTemplates.invalidContent for anything
// malformed (cipher, signed template, wrapper), error.crypto.encryption.decrypt for a wrong K_T,
// error.transport.signatureNotValid for a bad signature, error.transport.invalidIdentity when the
// identity's address is not derived from its key.
OpenedTemplate OpenTemplate(std::string_view content, const crypto::SecretKey& secret_key);

}  // namespace nmshd::transport
