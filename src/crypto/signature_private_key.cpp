#include "crypto/signature_private_key.h"

#include <sodium.h>

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"

namespace nmshd::crypto {

SignaturePrivateKey::SignaturePrivateKey(Bytes prv, std::optional<std::string> id)
    : prv_(std::move(prv)), id_(std::move(id)) {
  if (prv_.size() != kSize) {
    throw CodedError(errc::kSignatureWrongPrivateKey,
                     "CryptoSignaturePrivateKey.prv must be 64 bytes, got " +
                         std::to_string(prv_.size()));
  }
}

SignaturePublicKey SignaturePrivateKey::ToPublicKey() const {
  Bytes pub(crypto_sign_PUBLICKEYBYTES);
  crypto_sign_ed25519_sk_to_pk(pub.data(), prv_.data());
  return SignaturePublicKey(std::move(pub));
}

boost::json::object SignaturePrivateKey::ToJson(bool verbose) const {
  boost::json::object o;
  o["prv"] = base64::EncodeUrlNoPad(prv_);
  o["alg"] = static_cast<int>(algorithm());
  if (id_) o["id"] = *id_;
  if (verbose) o["@type"] = "CryptoSignaturePrivateKey";
  return o;
}

SignaturePrivateKey SignaturePrivateKey::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoSignaturePrivateKey";
  const auto& o = detail::ExpectObject(json, kWhat);
  CheckSignatureAlgorithm(detail::RequireInteger(o, "alg", kWhat, errc::kSignatureWrongAlgorithm),
                          kWhat);
  return SignaturePrivateKey(
      detail::RequireBytes(o, "prv", kWhat, kSize, kSize, errc::kSignatureWrongPrivateKey),
      detail::OptionalString(o, "id", kWhat));
}

std::string SignaturePrivateKey::ToBase64() const { return detail::JsonToBase64(ToJson()); }

SignaturePrivateKey SignaturePrivateKey::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoSignaturePrivateKey"));
}

}  // namespace nmshd::crypto
