#pragma once
// CryptoCipher: {"cph":"<b64url ct||tag>","alg":3,"nnc":"<b64url 24 B>","@type":"CryptoCipher"} or,
// for state (counter) ciphers, {"cph":…,"alg":3,"cnt":<uint32>,"@type":"CryptoCipher"}.
// Exactly one of nonce and counter is present; cph is 2 B .. 100 MiB as the official validator allows.
#include <array>
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/algorithms.h"
#include "crypto/bytes.h"

namespace nmshd::crypto {

using Nonce = std::array<std::uint8_t, 24>;

class Cipher {
 public:
  static constexpr std::size_t kMinCipherBytes = 2;
  static constexpr std::size_t kMaxCipherBytes = 100 * 1024 * 1024;

  static Cipher WithNonce(Bytes cph, const Nonce& nonce);
  static Cipher WithCounter(Bytes cph, std::uint32_t counter);

  const Bytes& bytes() const { return cph_; }
  // Hands the ciphertext buffer back for reuse (see Encrypt(..., Bytes&& storage)).
  Bytes TakeBytes() && { return std::move(cph_); }
  EncryptionAlgorithm algorithm() const { return EncryptionAlgorithm::kXChaCha20Poly1305; }
  const std::optional<Nonce>& nonce() const { return nonce_; }
  const std::optional<std::uint32_t>& counter() const { return counter_; }

  boost::json::object ToJson(bool verbose = true) const;
  // The JSON text of ToJson(verbose), written directly (the hot path: every message and file blob).
  std::string Serialize(bool verbose = true) const;
  static Cipher FromJson(const boost::json::value& json);
  static Cipher Deserialize(std::string_view json_text);
  std::string ToBase64() const;  // base64url(Serialize(true)): how ciphers travel to the Backbone
  static Cipher FromBase64(std::string_view text);

  bool operator==(const Cipher&) const = default;

 private:
  Cipher(Bytes cph, std::optional<Nonce> nonce, std::optional<std::uint32_t> counter);

  Bytes cph_;
  std::optional<Nonce> nonce_;
  std::optional<std::uint32_t> counter_;
};

}  // namespace nmshd::crypto
