#pragma once
// CryptoRelationshipPublicResponse: what the templator publishes when accepting,
// {"exc":{pub,alg},"sig":{pub,alg},"sta":{"nnc":…,"alg":3,"typ":2},"id":?,"@type":…}.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "crypto/exchange_public_key.h"
#include "crypto/public_state.h"
#include "crypto/signature.h"
#include "crypto/signature_public_key.h"

namespace nmshd::crypto {

class RelationshipPublicResponse {
 public:
  RelationshipPublicResponse(ExchangePublicKey exchange_key, SignaturePublicKey signature_key,
                             PublicState state, std::optional<std::string> id = std::nullopt);

  const ExchangePublicKey& exchangeKey() const { return exc_; }
  const SignaturePublicKey& signatureKey() const { return sig_; }
  const PublicState& state() const { return sta_; }
  const std::optional<std::string>& id() const { return id_; }
  bool Verify(std::span<const std::uint8_t> content, const Signature& signature) const;

  boost::json::object ToJson(bool verbose = true) const;
  static RelationshipPublicResponse FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static RelationshipPublicResponse FromBase64(std::string_view text);

  bool operator==(const RelationshipPublicResponse&) const = default;

 private:
  ExchangePublicKey exc_;
  SignaturePublicKey sig_;
  PublicState sta_;
  std::optional<std::string> id_;
};

}  // namespace nmshd::crypto
