#include "crypto/secret_key.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"
#include "crypto/random.h"

namespace nmshd::crypto {

EncryptionAlgorithm CheckEncryptionAlgorithm(std::int64_t alg, std::string_view what) {
  if (alg != static_cast<int>(EncryptionAlgorithm::kXChaCha20Poly1305)) {
    throw CodedError(errc::kEncryptionWrongAlgorithm,
                     std::string(what) + ".alg " + std::to_string(alg) +
                         " is not supported (only 3, XCHACHA20_POLY1305)");
  }
  return EncryptionAlgorithm::kXChaCha20Poly1305;
}

SecretKey::SecretKey(Bytes key, EncryptionAlgorithm alg) : key_(std::move(key)), alg_(alg) {
  CheckEncryptionAlgorithm(static_cast<int>(alg_), "CryptoSecretKey");
  if (key_.size() != kSize) {
    throw CodedError(errc::kEncryptionWrongSecretKey,
                     "CryptoSecretKey.key must be 32 bytes, got " + std::to_string(key_.size()));
  }
}

SecretKey SecretKey::Generate() { return SecretKey(RandomBytes(kSize)); }

boost::json::object SecretKey::ToJson(bool verbose) const {
  boost::json::object o;
  o["key"] = base64::EncodeUrlNoPad(key_);
  o["alg"] = static_cast<int>(alg_);
  if (verbose) o["@type"] = "CryptoSecretKey";
  return o;
}

SecretKey SecretKey::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoSecretKey";
  const auto& o = detail::ExpectObject(json, kWhat);
  auto alg = CheckEncryptionAlgorithm(
      detail::RequireInteger(o, "alg", kWhat, errc::kEncryptionWrongAlgorithm), kWhat);
  return SecretKey(detail::RequireBytes(o, "key", kWhat, kSize, kSize, errc::kEncryptionWrongSecretKey),
                   alg);
}

std::string SecretKey::ToBase64() const { return detail::JsonToBase64(ToJson()); }

SecretKey SecretKey::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoSecretKey"));
}

}  // namespace nmshd::crypto
