#pragma once
// CryptoSignature: {"sig":"<b64url 64 B>","alg":2,"@type":"CryptoSignature"}. `alg` is the hash label
// (2 = SHA512 for identity/device signatures, 1 = SHA256 for relationship signatures); it is metadata,
// the Ed25519 signature is always over the raw message.
#include <boost/json.hpp>
#include <string>

#include "crypto/algorithms.h"
#include "crypto/bytes.h"

namespace nmshd::crypto {

class Signature {
 public:
  static constexpr std::size_t kSize = 64;

  // error.crypto.wrongSerializedBuffer (length), error.crypto.hash.wrongHashAlgorithm (alg).
  Signature(Bytes sig, HashAlgorithm alg);

  const Bytes& bytes() const { return sig_; }
  HashAlgorithm algorithm() const { return alg_; }

  boost::json::object ToJson(bool verbose = true) const;
  static Signature FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static Signature FromBase64(std::string_view text);

  bool operator==(const Signature&) const = default;

 private:
  Bytes sig_;
  HashAlgorithm alg_;
};

}  // namespace nmshd::crypto
