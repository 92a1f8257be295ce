#pragma once
// CryptoSignaturePublicKey: {"pub":"<b64url 32 B>","alg":3,"@type":"CryptoSignaturePublicKey"}.
// Only Ed25519 (alg 3) keys are usable; the official library cannot sign with P256/P521 either.
#include <boost/json.hpp>
#include <string>

#include "crypto/algorithms.h"
#include "crypto/bytes.h"

namespace nmshd::crypto {

class SignaturePublicKey {
 public:
  static constexpr std::size_t kSize = 32;

  explicit SignaturePublicKey(Bytes pub);  // error.crypto.signature.wrongPublicKey

  const Bytes& bytes() const { return pub_; }
  SignatureAlgorithm algorithm() const { return SignatureAlgorithm::kEcdsaEd25519; }

  boost::json::object ToJson(bool verbose = true) const;
  static SignaturePublicKey FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static SignaturePublicKey FromBase64(std::string_view text);

  bool operator==(const SignaturePublicKey&) const = default;

 private:
  Bytes pub_;
};

// error.crypto.signature.wrongAlgorithm unless `alg` is 3 (ECDSA_ED25519).
void CheckSignatureAlgorithm(std::int64_t alg, std::string_view what);

}  // namespace nmshd::crypto
