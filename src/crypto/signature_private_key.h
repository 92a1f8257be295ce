#pragma once
// CryptoSignaturePrivateKey: {"prv":"<b64url 64 B>","alg":3,"id":?,"@type":"CryptoSignaturePrivateKey"}.
// The 64 bytes are libsodium's Ed25519 secret key (seed || public key). Local only, never sent.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "crypto/algorithms.h"
#include "crypto/bytes.h"
#include "crypto/signature_public_key.h"

namespace nmshd::crypto {

class SignaturePrivateKey {
 public:
  static constexpr std::size_t kSize = 64;

  explicit SignaturePrivateKey(Bytes prv, std::optional<std::string> id = std::nullopt);

  const Bytes& bytes() const { return prv_; }
  const std::optional<std::string>& id() const { return id_; }
  SignatureAlgorithm algorithm() const { return SignatureAlgorithm::kEcdsaEd25519; }
  SignaturePublicKey ToPublicKey() const;  // crypto_sign_ed25519_sk_to_pk

  boost::json::object ToJson(bool verbose = true) const;
  static SignaturePrivateKey FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static SignaturePrivateKey FromBase64(std::string_view text);

  bool operator==(const SignaturePrivateKey&) const = default;

 private:
  Bytes prv_;
  std::optional<std::string> id_;
};

}  // namespace nmshd::crypto
