#include "crypto/signature_keypair.h"

#include <sodium.h>

#include "crypto/json_fields.h"
#include "crypto/random.h"

namespace nmshd::crypto {

SignatureKeypair::SignatureKeypair(SignaturePublicKey pub, SignaturePrivateKey prv)
    : pub_(std::move(pub)), prv_(std::move(prv)) {}

SignatureKeypair SignatureKeypair::Generate() {
  EnsureSodium();
  Bytes pub(crypto_sign_PUBLICKEYBYTES);
  Bytes prv(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(pub.data(), prv.data());
  return {SignaturePublicKey(std::move(pub)), SignaturePrivateKey(std::move(prv))};
}

boost::json::object SignatureKeypair::ToJson(bool verbose) const {
  boost::json::object o;
  o["pub"] = pub_.ToJson(false);
  o["prv"] = prv_.ToJson(false);
  if (verbose) o["@type"] = "CryptoSignatureKeypair";
  return o;
}

SignatureKeypair SignatureKeypair::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoSignatureKeypair";
  const auto& o = detail::ExpectObject(json, kWhat);
  return {SignaturePublicKey::FromJson(detail::RequireObjectField(o, "pub", kWhat)),
          SignaturePrivateKey::FromJson(detail::RequireObjectField(o, "prv", kWhat))};
}

std::string SignatureKeypair::ToBase64() const { return detail::JsonToBase64(ToJson()); }

SignatureKeypair SignatureKeypair::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoSignatureKeypair"));
}

}  // namespace nmshd::crypto
