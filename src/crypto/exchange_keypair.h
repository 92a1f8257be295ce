#pragma once
// CryptoExchangeKeypair: {"pub":{pub,alg},"prv":{prv,alg},"@type":"CryptoExchangeKeypair"}.
#include <boost/json.hpp>
#include <string>

#include "crypto/exchange_private_key.h"
#include "crypto/exchange_public_key.h"

namespace nmshd::crypto {

class ExchangeKeypair {
 public:
  ExchangeKeypair(ExchangePublicKey pub, ExchangePrivateKey prv);
  static ExchangeKeypair Generate();  // crypto_kx_keypair

  const ExchangePublicKey& publicKey() const { return pub_; }
  const ExchangePrivateKey& privateKey() const { return prv_; }

  boost::json::object ToJson(bool verbose = true) const;
  static ExchangeKeypair FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static ExchangeKeypair FromBase64(std::string_view text);

  bool operator==(const ExchangeKeypair&) const = default;

 private:
  ExchangePublicKey pub_;
  ExchangePrivateKey prv_;
};

}  // namespace nmshd::crypto
