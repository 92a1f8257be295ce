#include "crypto/signature_public_key.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"

namespace nmshd::crypto {

void CheckSignatureAlgorithm(std::int64_t alg, std::string_view what) {
  if (alg != static_cast<int>(SignatureAlgorithm::kEcdsaEd25519)) {
    throw CodedError(errc::kSignatureWrongAlgorithm,
                     std::string(what) + ".alg " + std::to_string(alg) +
                         " is not supported (only 3, ECDSA_ED25519)");
  }
}

SignaturePublicKey::SignaturePublicKey(Bytes pub) : pub_(std::move(pub)) {
  if (pub_.size() != kSize) {
    throw CodedError(errc::kSignatureWrongPublicKey,
                     "CryptoSignaturePublicKey.pub must be 32 bytes, got " +
                         std::to_string(pub_.size()));
  }
}

boost::json::object SignaturePublicKey::ToJson(bool verbose) const {
  boost::json::object o;
  o["pub"] = base64::EncodeUrlNoPad(pub_);
  o["alg"] = static_cast<int>(algorithm());
  if (verbose) o["@type"] = "CryptoSignaturePublicKey";
  return o;
}

SignaturePublicKey SignaturePublicKey::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoSignaturePublicKey";
  const auto& o = detail::ExpectObject(json, kWhat);
  CheckSignatureAlgorithm(detail::RequireInteger(o, "alg", kWhat, errc::kSignatureWrongAlgorithm),
                          kWhat);
  return SignaturePublicKey(
      detail::RequireBytes(o, "pub", kWhat, kSize, kSize, errc::kSignatureWrongPublicKey));
}

std::string SignaturePublicKey::ToBase64() const { return detail::JsonToBase64(ToJson()); }

SignaturePublicKey SignaturePublicKey::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoSignaturePublicKey"));
}

}  // namespace nmshd::crypto
