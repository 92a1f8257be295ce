#pragma once
// CryptoSecretKey of @nmshd/crypto: {"key":"<b64url 32 B>","alg":3,"@type":"CryptoSecretKey"}.
// Only XChaCha20-Poly1305 (alg 3) is implemented by the official library, so only it is accepted.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace nmshd::crypto {

enum class EncryptionAlgorithm : int { kAes128Gcm = 1, kAes256Gcm = 2, kXChaCha20Poly1305 = 3 };

class SecretKey {
 public:
  SecretKey(std::vector<std::uint8_t> key, EncryptionAlgorithm alg);  // validates length and alg
  static SecretKey Generate();

  const std::vector<std::uint8_t>& bytes() const { return key_; }
  EncryptionAlgorithm algorithm() const { return alg_; }

  // verbose = true adds "@type" as ts-serval's toJSON() does; false is toJSON(false).
  boost::json::object ToJson(bool verbose = true) const;
  static SecretKey FromJson(const boost::json::value& json);
  std::string ToBase64() const;  // base64url(JSON with @type), CryptoSerializable.toBase64()
  static SecretKey FromBase64(std::string_view text);

  bool operator==(const SecretKey&) const = default;

 private:
  std::vector<std::uint8_t> key_;
  EncryptionAlgorithm alg_;
};

}  // namespace nmshd::crypto
