#pragma once
// CryptoRelationshipSecrets: both directions of an established relationship channel, for either
// side. Serialized by ts-serval (keys sorted, nested keys non-verbose, states with their "@type"):
// {"@type":…,"exc":{pub,prv},"pik"?:{pub,alg},"psk":{…},"ptk":{…},"pxk":{…},"rsk":{key,alg},
//  "rx":{state},"sig":{pub,prv},"tx":{state},"typ":1|2}.
#include <boost/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "crypto/algorithms.h"
#include "crypto/exchange_keypair.h"
#include "crypto/private_state_receive.h"
#include "crypto/private_state_transmit.h"
#include "crypto/relationship_public_request.h"
#include "crypto/relationship_public_response.h"
#include "crypto/relationship_request_secrets.h"
#include "crypto/signature_keypair.h"

namespace nmshd::crypto {

class RelationshipSecrets {
 public:
  struct Parts {
    RelationshipType type;
    ExchangeKeypair exchange_keypair;
    SignatureKeypair signature_keypair;
    PrivateStateTransmit transmit_state;
    PrivateStateReceive receive_state;
    ExchangePublicKey peer_exchange_key;
    SignaturePublicKey peer_signature_key;
    ExchangePublicKey peer_template_key;
    std::optional<SignaturePublicKey> peer_identity_key;
    SecretKey request_secret_key;
  };
  explicit RelationshipSecrets(Parts parts) : p_(std::move(parts)) {}

  // Templator side: accept a request that arrived for our template key pair.
  static RelationshipSecrets FromRelationshipRequest(const RelationshipPublicRequest& request,
                                                     const ExchangeKeypair& template_keypair);
  // fromPeerNonce: `peer_type` is the role of the peer (Requestor makes us the templator).
  static RelationshipSecrets FromPeerNonce(const ExchangePublicKey& peer_exchange_key,
                                           const ExchangePublicKey& peer_template_key,
                                           const SignaturePublicKey& peer_signature_key,
                                           const Nonce& peer_nonce,
                                           const ExchangeKeypair& template_keypair,
                                           std::optional<SignaturePublicKey> peer_identity_key,
                                           RelationshipType peer_type);
  // Requestor side: complete the handshake from the templator's public response.
  static RelationshipSecrets FromRelationshipResponse(const RelationshipPublicResponse& response,
                                                      const RelationshipRequestSecrets& request);

  RelationshipType type() const { return p_.type; }
  const Parts& parts() const { return p_; }

  Signature Sign(std::span<const std::uint8_t> content,
                 HashAlgorithm alg = HashAlgorithm::kSha256) const;
  bool VerifyOwn(std::span<const std::uint8_t> content, const Signature& signature) const;
  bool VerifyPeer(std::span<const std::uint8_t> content, const Signature& signature) const;
  // error.crypto.relationship.noPeer when the peer identity key is unknown (templator side).
  bool VerifyPeerIdentity(std::span<const std::uint8_t> content, const Signature& signature) const;
  Cipher Encrypt(std::span<const std::uint8_t> content);
  // PrivateStateTransmit::SkipAhead on our transmit state.
  void SkipTransmitCounterAhead(std::uint32_t count) { p_.transmit_state.SkipAhead(count); }
  Bytes DecryptOwn(const Cipher& cipher) const;
  Bytes DecryptPeer(const Cipher& cipher, bool omit_counter_check = false);
  Bytes DecryptRequest(const Cipher& cipher) const;
  RelationshipPublicResponse ToPublicResponse() const;

  boost::json::object ToJson(bool verbose = true) const;
  static RelationshipSecrets FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static RelationshipSecrets FromBase64(std::string_view text);

 private:
  Parts p_;
};

}  // namespace nmshd::crypto
