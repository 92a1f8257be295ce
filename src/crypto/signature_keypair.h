#pragma once
// CryptoSignatureKeypair: {"pub":{pub,alg},"prv":{prv,alg},"@type":"CryptoSignatureKeypair"}.
#include <boost/json.hpp>
#include <string>

#include "crypto/signature_private_key.h"
#include "crypto/signature_public_key.h"

namespace nmshd::crypto {

class SignatureKeypair {
 public:
  SignatureKeypair(SignaturePublicKey pub, SignaturePrivateKey prv);
  static SignatureKeypair Generate();  // crypto_sign_keypair

  const SignaturePublicKey& publicKey() const { return pub_; }
  const SignaturePrivateKey& privateKey() const { return prv_; }

  boost::json::object ToJson(bool verbose = true) const;
  static SignatureKeypair FromJson(const boost::json::value& json);
  std::string ToBase64() const;
  static SignatureKeypair FromBase64(std::string_view text);

  bool operator==(const SignatureKeypair&) const = default;

 private:
  SignaturePublicKey pub_;
  SignaturePrivateKey prv_;
};

}  // namespace nmshd::crypto
