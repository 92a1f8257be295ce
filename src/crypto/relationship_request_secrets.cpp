#include "crypto/relationship_request_secrets.h"

#include "base/base64.h"
#include "crypto/derivation.h"
#include "crypto/encryption.h"
#include "crypto/error_codes.h"
#include "crypto/exchange.h"
#include "crypto/json_fields.h"
#include "crypto/signatures.h"

namespace nmshd::crypto {

RelationshipRequestSecrets::RelationshipRequestSecrets(
    ExchangeKeypair exchange_keypair, ExchangeKeypair ephemeral_keypair,
    SignatureKeypair signature_keypair, SignaturePublicKey peer_identity_key,
    ExchangePublicKey peer_exchange_key, SecretKey secret_key, const Nonce& nonce)
    : exc_(std::move(exchange_keypair)),
      eph_(std::move(ephemeral_keypair)),
      sig_(std::move(signature_keypair)),
      pik_(std::move(peer_identity_key)),
      pxk_(std::move(peer_exchange_key)),
      key_(std::move(secret_key)),
      nnc_(nonce) {}

RelationshipRequestSecrets RelationshipRequestSecrets::FromPeer(
    const ExchangePublicKey& peer_template_key, const SignaturePublicKey& peer_identity_key) {
  auto exchange = ExchangeKeypair::Generate();
  auto ephemeral = ExchangeKeypair::Generate();
  auto signature = SignatureKeypair::Generate();
  const Nonce nonce = RandomNonce();
  const auto master = DeriveRequestor(ephemeral, peer_template_key);
  auto key = DeriveKeyFromBase(master.transmissionKey(), 1, kdf_context::kRequestTemplate);
  return {std::move(exchange), std::move(ephemeral), std::move(signature), peer_identity_key,
          peer_template_key,   std::move(key),       nonce};
}

Signature RelationshipRequestSecrets::Sign(std::span<const std::uint8_t> content,
                                           HashAlgorithm alg) const {
  return crypto::Sign(content, sig_.privateKey(), alg);
}

bool RelationshipRequestSecrets::VerifyOwn(std::span<const std::uint8_t> content,
                                           const Signature& signature) const {
  return Verify(content, signature, sig_.publicKey());
}

bool RelationshipRequestSecrets::VerifyPeerIdentity(std::span<const std::uint8_t> content,
                                                    const Signature& signature) const {
  return Verify(content, signature, pik_);
}

Cipher RelationshipRequestSecrets::EncryptRequest(std::span<const std::uint8_t> content) const {
  return Encrypt(content, key_);
}

Bytes RelationshipRequestSecrets::DecryptRequest(const Cipher& cipher) const {
  return Decrypt(cipher, key_);
}

RelationshipPublicRequest RelationshipRequestSecrets::ToPublicRequest() const {
  return {exc_.publicKey(), sig_.publicKey(), eph_.publicKey(), nnc_};
}

boost::json::object RelationshipRequestSecrets::ToJson(bool verbose) const {
  // ts-serval: "@type" first, then the serialized aliases in alphabetical order.
  boost::json::object o;
  if (verbose) o["@type"] = "CryptoRelationshipRequestSecrets";
  o["eph"] = eph_.ToJson(false);
  o["exc"] = exc_.ToJson(false);
  o["key"] = key_.ToJson(false);
  o["nnc"] = base64::EncodeUrlNoPad(nnc_);
  o["pik"] = pik_.ToJson(false);
  o["pxk"] = pxk_.ToJson(false);
  o["sig"] = sig_.ToJson(false);
  return o;
}

RelationshipRequestSecrets RelationshipRequestSecrets::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoRelationshipRequestSecrets";
  const auto& o = detail::ExpectObject(json, kWhat);
  return {ExchangeKeypair::FromJson(detail::RequireObjectField(o, "exc", kWhat)),
          ExchangeKeypair::FromJson(detail::RequireObjectField(o, "eph", kWhat)),
          SignatureKeypair::FromJson(detail::RequireObjectField(o, "sig", kWhat)),
          SignaturePublicKey::FromJson(detail::RequireObjectField(o, "pik", kWhat)),
          ExchangePublicKey::FromJson(detail::RequireObjectField(o, "pxk", kWhat)),
          SecretKey::FromJson(detail::RequireObjectField(o, "key", kWhat)),
          ToNonce(detail::RequireBytes(o, "nnc", kWhat, 24, 24, errc::kEncryptionWrongNonce))};
}

std::string RelationshipRequestSecrets::ToBase64() const { return detail::JsonToBase64(ToJson()); }

RelationshipRequestSecrets RelationshipRequestSecrets::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoRelationshipRequestSecrets"));
}

}  // namespace nmshd::crypto
