#pragma once
// CryptoExchangeSecrets: the crypto_kx session keys, {"rx":"<b64url>","tx":"<b64url>","alg":3,
// "@type":"CryptoExchangeSecrets"}.
#include <boost/json.hpp>
#include <string>

#include "crypto/algorithms.h"
#include "crypto/bytes.h"

namespace nmshd::crypto {

class ExchangeSecrets {
 public:
  ExchangeSecrets(Bytes receiving_key, Bytes transmission_key);  // 32 B each

  const Bytes& receivingKey() const { return rx_; }
  const Bytes& transmissionKey() const { return tx_; }
  EncryptionAlgorithm algorithm() const { return EncryptionAlgorithm::kXChaCha20Poly1305; }

  boost::json::object ToJson(bool verbose = true) const;
  static ExchangeSecrets FromJson(const boost::json::value& json);

  bool operator==(const ExchangeSecrets&) const = default;

 private:
  Bytes rx_;
  Bytes tx_;
};

}  // namespace nmshd::crypto
