#pragma once
// CryptoRelationshipPublicRequest: what a requestor publishes with its relationship request,
// {"exc":{pub,alg},"sig":{pub,alg},"eph":{pub,alg},"nnc":"<b64url 24 B>","@type":…}.
#include <boost/json.hpp>
#include <string>

#include "crypto/cipher.h"
#include "crypto/exchange_public_key.h"
#include "crypto/signature_public_key.h"

namespace nmshd::crypto {

class RelationshipPublicRequest {
 public:
  RelationshipPublicRequest(ExchangePublicKey exchange_key, SignaturePublicKey signature_key,
                            ExchangePublicKey ephemeral_key, const Nonce& nonce);

  const ExchangePublicKey& exchangeKey() const { return exc_; }
  const SignaturePublicKey& signatureKey() const { return sig_; }
  const ExchangePublicKey& ephemeralKey() const { return eph_; }
  const Nonce& nonce() const { return nnc_; }

  boost::json::object ToJson(bool verbose = true) const;
  static RelationshipPublicRequest FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static RelationshipPublicRequest FromBase64(std::string_view text);

  bool operator==(const RelationshipPublicRequest&) const = default;

 private:
  ExchangePublicKey exc_;
  SignaturePublicKey sig_;
  ExchangePublicKey eph_;
  Nonce nnc_;
};

}  // namespace nmshd::crypto
