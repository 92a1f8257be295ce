#include "transport/transmission/template_content.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/encryption.h"
#include "crypto/signatures.h"
#include "transport/transmission/serval_json.h"

namespace nmshd::transport {

namespace {

constexpr const char* kInvalidContent = "error.transport.relationshipTemplates.invalidContent";

std::span<const std::uint8_t> Utf8(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// The wrapper text that is signed; the identity must own the address.
std::string SerializeWrapper(const core::IdentityAddress& address,
                             const crypto::SignaturePublicKey& identity_key,
                             const TemplatePublicKey& template_key,
                             const boost::json::object& content) {
  const PublicIdentity identity{address, identity_key};
  if (!identity.MatchesKey()) {
    throw CodedError("error.transport.invalidIdentity",
                     "the address " + address.str() + " does not belong to the identity key");
  }
  return SerializeServal({
      {"@type", "RelationshipTemplateContentWrapper"},
      {"content", content},
      {"identity", identity.ToJson()},
      {"templateKey", template_key.ToJson(false)},
  });
}

std::string SignAndEncrypt(const std::string& serialized_template,
                           const crypto::SignaturePrivateKey& identity_key,
                           const crypto::SecretKey& secret_key) {
  const auto signature =
      crypto::Sign(Utf8(serialized_template), identity_key, crypto::HashAlgorithm::kSha512);
  const std::string signed_template = SerializeServal({
      {"@type", "RelationshipTemplateSigned"},
      {"deviceSignature", signature.ToJson(false)},
      {"serializedTemplate", serialized_template},
  });
  return crypto::Encrypt(Utf8(signed_template), secret_key).ToBase64();
}

}  // namespace

std::string SealTemplate(const core::IdentityAddress& address,
                         const crypto::SignatureKeypair& identity_keypair,
                         const TemplatePublicKey& template_key, const boost::json::object& content,
                         const crypto::SecretKey& secret_key) {
  return SignAndEncrypt(
      SerializeWrapper(address, identity_keypair.publicKey(), template_key, content),
      identity_keypair.privateKey(), secret_key);
}

SealedTemplate SealTemplate(const core::IdentityAddress& address,
                            const crypto::SignatureKeypair& identity_keypair,
                            const TemplatePublicKey& template_key,
                            const boost::json::object& content) {
  auto serialized = SerializeWrapper(address, identity_keypair.publicKey(), template_key, content);
  auto key = crypto::SecretKey::Generate();
  auto sealed = SignAndEncrypt(serialized, identity_keypair.privateKey(), key);
  return {std::move(sealed), std::move(key), std::move(serialized)};
}

OpenedTemplate OpenTemplate(std::string_view content, const crypto::SecretKey& secret_key) {
  const auto cipher = ReportAs(kInvalidContent, "template cipher",
                               [&] { return crypto::Cipher::FromBase64(content); });
  const auto plain = crypto::Decrypt(cipher, secret_key);
  const std::string_view signed_text(reinterpret_cast<const char*>(plain.data()), plain.size());

  auto [serialized_template,
        signature] = ReportAs(kInvalidContent, "RelationshipTemplateSigned", [&] {
    const auto o = ParseServalObject(signed_text, kInvalidContent, "RelationshipTemplateSigned");
    const auto* sig = json::Find(o, "deviceSignature");
    if (sig == nullptr) throw CodedError(kInvalidContent, "deviceSignature is missing");
    return std::pair{
        std::string(json::RequireString(o, "serializedTemplate", "RelationshipTemplateSigned")),
        crypto::Signature::FromJson(*sig)};
  });

  auto opened = ReportAs(kInvalidContent, "RelationshipTemplateContentWrapper", [&] {
    const auto o = ParseServalObject(serialized_template, kInvalidContent,
                                     "RelationshipTemplateContentWrapper");
    const auto* identity = json::Find(o, "identity");
    const auto* template_key = json::Find(o, "templateKey");
    const auto* app_content = json::Find(o, "content");
    if (identity == nullptr || template_key == nullptr || app_content == nullptr) {
      throw CodedError(kInvalidContent, "identity, templateKey and content are required");
    }
    return OpenedTemplate{
        PublicIdentity::FromJson(*identity), TemplatePublicKey::FromJson(*template_key),
        json::AsObject(*app_content, "RelationshipTemplateContentWrapper.content"),
        serialized_template, signature};
  });

  if (!crypto::Verify(Utf8(opened.serialized_template), opened.signature,
                      opened.identity.public_key)) {
    throw CodedError("error.transport.signatureNotValid", "The template-signature is not valid.");
  }
  if (!opened.identity.MatchesKey()) {
    throw CodedError("error.transport.invalidIdentity", "the template's address " +
                                                            opened.identity.address.str() +
                                                            " does not belong to its identity key");
  }
  return opened;
}

}  // namespace nmshd::transport
