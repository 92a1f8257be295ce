#pragma once
// CryptoExchangePublicKey: {"@type":"CryptoExchangePublicKey","pub":"<b64url 32 B>","alg":3}.
// Note the official toJSON puts "@type" first for this class only.
#include <boost/json.hpp>
#include <string>

#include "crypto/algorithms.h"
#include "crypto/bytes.h"

namespace nmshd::crypto {

class ExchangePublicKey {
 public:
  static constexpr std::size_t kSize = 32;

  explicit ExchangePublicKey(Bytes pub);  // error.crypto.exchange.wrongPublicKey

  const Bytes& bytes() const { return pub_; }
  ExchangeAlgorithm algorithm() const { return ExchangeAlgorithm::kEcdhX25519; }

  boost::json::object ToJson(bool verbose = true) const;
  static ExchangePublicKey FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static ExchangePublicKey FromBase64(std::string_view text);

  bool operator==(const ExchangePublicKey&) const = default;

 private:
  Bytes pub_;
};

// error.crypto.exchange.wrongExchangeAlgorithm unless `alg` is 3 (ECDH_X25519).
void CheckExchangeAlgorithm(std::int64_t alg, std::string_view what);

}  // namespace nmshd::crypto
