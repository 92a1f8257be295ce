#pragma once
// CryptoExchangePrivateKey: {"prv":"<b64url 32 B>","alg":3,"@type":"CryptoExchangePrivateKey"}.
#include <boost/json.hpp>
#include <string>

#include "crypto/exchange_public_key.h"

namespace nmshd::crypto {

class ExchangePrivateKey {
 public:
  static constexpr std::size_t kSize = 32;

  explicit ExchangePrivateKey(Bytes prv);  // error.crypto.exchange.wrongPrivateKey

  const Bytes& bytes() const { return prv_; }
  ExchangeAlgorithm algorithm() const { return ExchangeAlgorithm::kEcdhX25519; }
  ExchangePublicKey ToPublicKey() const;  // crypto_scalarmult_base

  boost::json::object ToJson(bool verbose = true) const;
  static ExchangePrivateKey FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static ExchangePrivateKey FromBase64(std::string_view text);

  bool operator==(const ExchangePrivateKey&) const = default;

 private:
  Bytes prv_;
};

}  // namespace nmshd::crypto
