#include "crypto/secret_key.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "crypto/random.h"

namespace nmshd::crypto {

SecretKey::SecretKey(std::vector<std::uint8_t> key, EncryptionAlgorithm alg)
    : key_(std::move(key)), alg_(alg) {
  if (alg_ != EncryptionAlgorithm::kXChaCha20Poly1305) {
    throw CodedError("error.crypto.encryption.wrongAlgorithm",
                     "CryptoSecretKey.alg " + std::to_string(static_cast<int>(alg_)) +
                         " is not supported (only 3, XCHACHA20_POLY1305)");
  }
  if (key_.size() != 32) {
    throw CodedError("error.crypto.encryption.wrongSecretKeyLength",
                     "CryptoSecretKey.key must be 32 bytes, got " + std::to_string(key_.size()));
  }
}

SecretKey SecretKey::Generate() {
  return SecretKey(RandomBytes(32), EncryptionAlgorithm::kXChaCha20Poly1305);
}

boost::json::object SecretKey::ToJson(bool verbose) const {
  boost::json::object o;
  o["key"] = base64::EncodeUrlNoPad(key_);
  o["alg"] = static_cast<int>(alg_);
  if (verbose) o["@type"] = "CryptoSecretKey";
  return o;
}

SecretKey SecretKey::FromJson(const boost::json::value& json) {
  const auto& o = json::AsObject(json, "CryptoSecretKey");
  auto alg = json::RequireInt(o, "alg", "CryptoSecretKey");
  return SecretKey(base64::DecodeUrlNoPad(json::RequireString(o, "key", "CryptoSecretKey")),
                   static_cast<EncryptionAlgorithm>(alg));
}

std::string SecretKey::ToBase64() const { return base64::EncodeUrlNoPad(json::Stringify(ToJson())); }

SecretKey SecretKey::FromBase64(std::string_view text) {
  return FromJson(json::Parse(base64::ToString(base64::DecodeUrlNoPad(text)), "CryptoSecretKey"));
}

}  // namespace nmshd::crypto
