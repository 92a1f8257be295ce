#include "crypto/relationship_secrets.h"

#include "base/coded_error.h"
#include "crypto/derivation.h"
#include "crypto/encryption.h"
#include "crypto/error_codes.h"
#include "crypto/exchange.h"
#include "crypto/json_fields.h"
#include "crypto/signatures.h"

namespace nmshd::crypto {

RelationshipSecrets RelationshipSecrets::FromRelationshipRequest(
    const RelationshipPublicRequest& request, const ExchangeKeypair& template_keypair) {
  return FromPeerNonce(request.exchangeKey(), request.ephemeralKey(), request.signatureKey(),
                       request.nonce(), template_keypair, std::nullopt,
                       RelationshipType::kRequestor);
}

RelationshipSecrets RelationshipSecrets::FromPeerNonce(
    const ExchangePublicKey& peer_exchange_key, const ExchangePublicKey& peer_template_key,
    const SignaturePublicKey& peer_signature_key, const Nonce& peer_nonce,
    const ExchangeKeypair& template_keypair, std::optional<SignaturePublicKey> peer_identity_key,
    RelationshipType peer_type) {
  auto signature_keypair = SignatureKeypair::Generate();
  auto exchange_keypair = ExchangeKeypair::Generate();
  const bool peer_is_requestor = peer_type == RelationshipType::kRequestor;
  if (!peer_is_requestor && peer_type != RelationshipType::kTemplator) {
    throw CodedError(errc::kRelationshipNoRequestorNorTemplator,
                     "the peer must be requestor (2) or templator (1)");
  }
  const auto derived = peer_is_requestor ? DeriveTemplator(exchange_keypair, peer_exchange_key)
                                         : DeriveRequestor(exchange_keypair, peer_exchange_key);
  auto tx = DeriveKeyFromBase(derived.transmissionKey(), 1, kdf_context::kRelationshipTemplator);
  auto rx = DeriveKeyFromBase(derived.receivingKey(), 1, kdf_context::kRelationshipRequestor);
  const auto master = DeriveTemplator(template_keypair, peer_template_key);
  auto request_key = DeriveKeyFromBase(master.receivingKey(), 1, kdf_context::kRequestTemplate);
  return RelationshipSecrets(Parts{
      peer_is_requestor ? RelationshipType::kTemplator : RelationshipType::kRequestor,
      std::move(exchange_keypair), std::move(signature_keypair),
      PrivateStateTransmit::Generate(std::move(tx)),
      PrivateStateReceive::FromNonce(peer_nonce, std::move(rx)), peer_exchange_key,
      peer_signature_key, peer_template_key, std::move(peer_identity_key), std::move(request_key)});
}

RelationshipSecrets RelationshipSecrets::FromRelationshipResponse(
    const RelationshipPublicResponse& response, const RelationshipRequestSecrets& request) {
  const auto derived = DeriveRequestor(request.exchangeKeypair(), response.exchangeKey());
  auto tx = DeriveKeyFromBase(derived.transmissionKey(), 1, kdf_context::kRelationshipRequestor);
  auto rx = DeriveKeyFromBase(derived.receivingKey(), 1, kdf_context::kRelationshipTemplator);
  return RelationshipSecrets(Parts{
      RelationshipType::kRequestor, request.exchangeKeypair(), request.signatureKeypair(),
      PrivateStateTransmit(request.nonce(), 0, std::move(tx)),
      PrivateStateReceive::FromPublicState(response.state(), std::move(rx), 0),
      response.exchangeKey(), response.signatureKey(), request.peerExchangeKey(),
      request.peerIdentityKey(), request.secretKey()});
}

Signature RelationshipSecrets::Sign(std::span<const std::uint8_t> content, HashAlgorithm alg) const {
  return crypto::Sign(content, p_.signature_keypair.privateKey(), alg);
}

bool RelationshipSecrets::VerifyOwn(std::span<const std::uint8_t> content,
                                    const Signature& signature) const {
  return Verify(content, signature, p_.signature_keypair.publicKey());
}

bool RelationshipSecrets::VerifyPeer(std::span<const std::uint8_t> content,
                                     const Signature& signature) const {
  return Verify(content, signature, p_.peer_signature_key);
}

bool RelationshipSecrets::VerifyPeerIdentity(std::span<const std::uint8_t> content,
                                             const Signature& signature) const {
  if (!p_.peer_identity_key) {
    throw CodedError(errc::kRelationshipNoPeer,
                     "The peer of this relationship is not set. You have to initialize this "
                     "relationship with a peer first.");
  }
  return Verify(content, signature, *p_.peer_identity_key);
}

Cipher RelationshipSecrets::Encrypt(std::span<const std::uint8_t> content) {
  return p_.transmit_state.Encrypt(content);
}

Bytes RelationshipSecrets::DecryptOwn(const Cipher& cipher) const {
  return p_.transmit_state.Decrypt(cipher);
}

Bytes RelationshipSecrets::DecryptPeer(const Cipher& cipher, bool omit_counter_check) {
  return p_.receive_state.Decrypt(cipher, omit_counter_check);
}

Bytes RelationshipSecrets::DecryptRequest(const Cipher& cipher) const {
  return Decrypt(cipher, p_.request_secret_key);
}

RelationshipPublicResponse RelationshipSecrets::ToPublicResponse() const {
  return {p_.exchange_keypair.publicKey(), p_.signature_keypair.publicKey(),
          p_.transmit_state.ToPublicState()};
}

boost::json::object RelationshipSecrets::ToJson(bool verbose) const {
  // ts-serval: "@type" first, then the serialized aliases in alphabetical order.
  boost::json::object o;
  if (verbose) o["@type"] = "CryptoRelationshipSecrets";
  o["exc"] = p_.exchange_keypair.ToJson(false);
  if (p_.peer_identity_key) o["pik"] = p_.peer_identity_key->ToJson(false);
  o["psk"] = p_.peer_signature_key.ToJson(false);
  o["ptk"] = p_.peer_template_key.ToJson(false);
  o["pxk"] = p_.peer_exchange_key.ToJson(false);
  o["rsk"] = p_.request_secret_key.ToJson(false);
  o["rx"] = p_.receive_state.ToJson();
  o["sig"] = p_.signature_keypair.ToJson(false);
  o["tx"] = p_.transmit_state.ToJson();
  o["typ"] = static_cast<int>(p_.type);
  return o;
}

RelationshipSecrets RelationshipSecrets::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoRelationshipSecrets";
  const auto& o = detail::ExpectObject(json, kWhat);
  const auto typ =
      detail::RequireInteger(o, "typ", kWhat, errc::kRelationshipNoRequestorNorTemplator);
  if (typ != 1 && typ != 2) {
    throw CodedError(errc::kRelationshipNoRequestorNorTemplator,
                     "CryptoRelationshipSecrets.typ " + std::to_string(typ) +
                         " is neither templator (1) nor requestor (2)");
  }
  std::optional<SignaturePublicKey> pik;
  if (const auto* v = o.if_contains("pik"); v != nullptr && !v->is_null()) {
    pik = SignaturePublicKey::FromJson(detail::RequireObjectField(o, "pik", kWhat));
  }
  return RelationshipSecrets(Parts{
      static_cast<RelationshipType>(typ),
      ExchangeKeypair::FromJson(detail::RequireObjectField(o, "exc", kWhat)),
      SignatureKeypair::FromJson(detail::RequireObjectField(o, "sig", kWhat)),
      PrivateStateTransmit::FromJson(detail::RequireObjectField(o, "tx", kWhat)),
      PrivateStateReceive::FromJson(detail::RequireObjectField(o, "rx", kWhat)),
      ExchangePublicKey::FromJson(detail::RequireObjectField(o, "pxk", kWhat)),
      SignaturePublicKey::FromJson(detail::RequireObjectField(o, "psk", kWhat)),
      ExchangePublicKey::FromJson(detail::RequireObjectField(o, "ptk", kWhat)), std::move(pik),
      SecretKey::FromJson(detail::RequireObjectField(o, "rsk", kWhat))});
}

std::string RelationshipSecrets::ToBase64() const { return detail::JsonToBase64(ToJson()); }

RelationshipSecrets RelationshipSecrets::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoRelationshipSecrets"));
}

}  // namespace nmshd::crypto
