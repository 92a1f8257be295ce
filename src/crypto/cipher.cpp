#include "crypto/cipher.h"

#include <cstring>

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"
#include "crypto/public_base64url.h"
#include "crypto/secret_key.h"

namespace nmshd::crypto {
namespace {

constexpr std::string_view kWhat = "CryptoCipher";

void CheckCipherLength(std::size_t size) {
  if (size < Cipher::kMinCipherBytes || size > Cipher::kMaxCipherBytes) {
    throw CodedError(errc::kWrongSerializedBuffer,
                     "CryptoCipher.cph must be 2 B .. 100 MiB, got " + std::to_string(size) + " B");
  }
}

// Ciphertext, nonce and the wire wrapper are public, so the fast variable-time codec is fine here.
Bytes DecodeCipherBytes(const boost::json::object& o) {
  const auto* v = o.if_contains("cph");
  if (v == nullptr || !v->is_string()) {
    throw CodedError(errc::kWrongSerializedBuffer, std::string("Property CryptoCipher.cph must be a string") +
                                                       (v == nullptr ? " (missing)" : ""));
  }
  auto bytes = public_base64url::Decode(std::string_view(v->get_string()));
  if (!bytes) {
    throw CodedError(errc::kWrongSerializedBuffer,
                     "Property CryptoCipher.cph is not valid base64url without padding");
  }
  CheckCipherLength(bytes->size());
  return std::move(*bytes);
}

}  // namespace

Cipher::Cipher(Bytes cph, std::optional<Nonce> nonce, std::optional<std::uint32_t> counter)
    : cph_(std::move(cph)), nonce_(nonce), counter_(counter) {
  CheckCipherLength(cph_.size());
}

Cipher Cipher::WithNonce(Bytes cph, const Nonce& nonce) { return {std::move(cph), nonce, std::nullopt}; }

Cipher Cipher::WithCounter(Bytes cph, std::uint32_t counter) {
  return {std::move(cph), std::nullopt, counter};
}

boost::json::object Cipher::ToJson(bool verbose) const {
  boost::json::object o;
  o["cph"] = public_base64url::Encode(cph_);
  o["alg"] = static_cast<int>(algorithm());
  if (nonce_) o["nnc"] = base64::EncodeUrlNoPad(*nonce_);
  if (counter_) o["cnt"] = *counter_;
  if (verbose) o["@type"] = "CryptoCipher";
  return o;
}

std::string Cipher::Serialize(bool verbose) const {
  // Base64url and decimal digits never need JSON escaping, so the text can be assembled directly.
  std::string out;
  out.reserve(cph_.size() / 3 * 4 + 96);
  out += "{\"cph\":\"";
  public_base64url::Append(out, cph_);
  out += "\",\"alg\":3";
  if (nonce_) {
    out += ",\"nnc\":\"";
    public_base64url::Append(out, *nonce_);
    out += '"';
  }
  if (counter_) {
    out += ",\"cnt\":";
    out += std::to_string(*counter_);
  }
  if (verbose) out += ",\"@type\":\"CryptoCipher\"";
  out += '}';
  return out;
}

Cipher Cipher::FromJson(const boost::json::value& json) {
  const auto& o = detail::ExpectObject(json, kWhat);
  // Same order of checks as CryptoCipher.preFrom: presence of nonce/counter first.
  const auto* nnc = o.if_contains("nnc");
  const auto* cnt = o.if_contains("cnt");
  const bool has_nonce = nnc != nullptr && !nnc->is_null() && !(nnc->is_string() && nnc->get_string().empty());
  const bool has_counter = cnt != nullptr;
  if (!has_nonce && !has_counter) {
    throw CodedError(errc::kNoNonceNorCounter, "CryptoCipher has neither nnc nor cnt");
  }
  if (has_nonce && has_counter) {
    throw CodedError(errc::kNonceAndCounter, "CryptoCipher has both nnc and cnt");
  }
  Bytes cph = DecodeCipherBytes(o);
  CheckEncryptionAlgorithm(detail::RequireInteger(o, "alg", kWhat, errc::kEncryptionWrongAlgorithm),
                           kWhat);
  if (has_counter) {
    auto value = detail::RequireInteger(o, "cnt", kWhat, errc::kEncryptionWrongCounter);
    if (value < 0 || value > 0xFFFFFFFFLL) {
      throw CodedError(errc::kEncryptionWrongCounter,
                       "CryptoCipher.cnt must be within 0 and 4294967295, got " + std::to_string(value));
    }
    return WithCounter(std::move(cph), static_cast<std::uint32_t>(value));
  }
  Bytes nonce = detail::RequireBytes(o, "nnc", kWhat, 24, 24, errc::kEncryptionWrongNonce);
  Nonce n{};
  std::memcpy(n.data(), nonce.data(), n.size());
  return WithNonce(std::move(cph), n);
}

Cipher Cipher::Deserialize(std::string_view json_text) {
  return FromJson(detail::ParseText(json_text, kWhat));
}

std::string Cipher::ToBase64() const {
  const std::string text = Serialize(true);
  return public_base64url::Encode(Utf8Bytes(text));
}

Cipher Cipher::FromBase64(std::string_view text) {
  auto bytes = public_base64url::Decode(text);
  if (!bytes) {
    throw CodedError(errc::kWrongSerializedBuffer,
                     "CryptoCipher base64 form is not valid base64url without padding");
  }
  return Deserialize(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
}

}  // namespace nmshd::crypto
