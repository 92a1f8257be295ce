#pragma once
// CryptoSecretKey of @nmshd/crypto: {"key":"<b64url 32 B>","alg":3,"@type":"CryptoSecretKey"}.
// Only XChaCha20-Poly1305 (alg 3) is implemented by the official library, so only it is accepted.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/algorithms.h"
#include "crypto/bytes.h"

namespace nmshd::crypto {

class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;

  // Validates: error.crypto.wrongEncryptionAlgorithm, error.crypto.encryption.wrongSecretKey.
  SecretKey(Bytes key, EncryptionAlgorithm alg = EncryptionAlgorithm::kXChaCha20Poly1305);
  static SecretKey Generate();

  const Bytes& bytes() const { return key_; }
  EncryptionAlgorithm algorithm() const { return alg_; }

  // verbose = true adds "@type" as ts-serval's toJSON() does; false is toJSON(false).
  boost::json::object ToJson(bool verbose = true) const;
  static SecretKey FromJson(const boost::json::value& json);
  std::string ToBase64() const;  // base64url(JSON with @type), CryptoSerializable.toBase64()
  static SecretKey FromBase64(std::string_view text);

  bool operator==(const SecretKey&) const = default;

 private:
  Bytes key_;
  EncryptionAlgorithm alg_;
};

// error.crypto.wrongEncryptionAlgorithm unless `alg` is 3 (XChaCha20-Poly1305).
EncryptionAlgorithm CheckEncryptionAlgorithm(std::int64_t alg, std::string_view what);

}  // namespace nmshd::crypto
