#pragma once
// CryptoRelationshipRequestSecrets: the requestor's secrets between sending a relationship request and
// receiving the templator's response. Serialized by ts-serval (keys sorted, nested objects
// non-verbose): {"@type":…,"eph":{pub,prv},"exc":{pub,prv},"key":{key,alg},"nnc":…,"pik":{pub,alg},
// "pxk":{pub,alg},"sig":{pub,prv}}.
#include <boost/json.hpp>
#include <span>
#include <string>

#include "crypto/cipher.h"
#include "crypto/exchange_keypair.h"
#include "crypto/relationship_public_request.h"
#include "crypto/secret_key.h"
#include "crypto/signature.h"
#include "crypto/signature_keypair.h"

namespace nmshd::crypto {

class RelationshipRequestSecrets {
 public:
  RelationshipRequestSecrets(ExchangeKeypair exchange_keypair, ExchangeKeypair ephemeral_keypair,
                             SignatureKeypair signature_keypair,
                             SignaturePublicKey peer_identity_key,
                             ExchangePublicKey peer_exchange_key, SecretKey secret_key,
                             const Nonce& nonce);

  // fromPeer: fresh exchange, ephemeral and signature key pairs and nonce; the request key is
  // kdf(1, "REQTMP01", crypto_kx_server_session_keys(ephemeral, template key).tx).
  static RelationshipRequestSecrets FromPeer(const ExchangePublicKey& peer_template_key,
                                             const SignaturePublicKey& peer_identity_key);

  const ExchangeKeypair& exchangeKeypair() const { return exc_; }
  const ExchangeKeypair& ephemeralKeypair() const { return eph_; }
  const SignatureKeypair& signatureKeypair() const { return sig_; }
  const SignaturePublicKey& peerIdentityKey() const { return pik_; }
  const ExchangePublicKey& peerExchangeKey() const { return pxk_; }
  const SecretKey& secretKey() const { return key_; }
  const Nonce& nonce() const { return nnc_; }

  Signature Sign(std::span<const std::uint8_t> content,
                 HashAlgorithm alg = HashAlgorithm::kSha256) const;
  bool VerifyOwn(std::span<const std::uint8_t> content, const Signature& signature) const;
  bool VerifyPeerIdentity(std::span<const std::uint8_t> content, const Signature& signature) const;
  Cipher EncryptRequest(std::span<const std::uint8_t> content) const;
  Bytes DecryptRequest(const Cipher& cipher) const;
  RelationshipPublicRequest ToPublicRequest() const;

  boost::json::object ToJson(bool verbose = true) const;
  static RelationshipRequestSecrets FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static RelationshipRequestSecrets FromBase64(std::string_view text);

  bool operator==(const RelationshipRequestSecrets&) const = default;

 private:
  ExchangeKeypair exc_;
  ExchangeKeypair eph_;
  SignatureKeypair sig_;
  SignaturePublicKey pik_;
  ExchangePublicKey pxk_;
  SecretKey key_;
  Nonce nnc_;
};

}  // namespace nmshd::crypto
