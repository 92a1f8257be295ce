#include "crypto/signature.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"

namespace nmshd::crypto {
namespace {

HashAlgorithm CheckHashAlgorithm(std::int64_t alg) {
  if (alg < 1 || alg > 3) {
    throw CodedError(errc::kWrongHashAlgorithm,
                     "CryptoSignature.alg " + std::to_string(alg) +
                         " is not a hash algorithm (1 SHA256, 2 SHA512, 3 BLAKE2B)");
  }
  return static_cast<HashAlgorithm>(alg);
}

}  // namespace

Signature::Signature(Bytes sig, HashAlgorithm alg)
    : sig_(std::move(sig)), alg_(CheckHashAlgorithm(static_cast<int>(alg))) {
  if (sig_.size() != kSize) {
    throw CodedError(errc::kWrongSerializedBuffer, "CryptoSignature.sig must be 64 bytes, got " +
                                                       std::to_string(sig_.size()));
  }
}

boost::json::object Signature::ToJson(bool verbose) const {
  boost::json::object o;
  o["sig"] = base64::EncodeUrlNoPad(sig_);
  o["alg"] = static_cast<int>(alg_);
  if (verbose) o["@type"] = "CryptoSignature";
  return o;
}

Signature Signature::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoSignature";
  const auto& o = detail::ExpectObject(json, kWhat);
  auto alg = CheckHashAlgorithm(detail::RequireInteger(o, "alg", kWhat, errc::kWrongHashAlgorithm));
  return Signature(detail::RequireBytes(o, "sig", kWhat, kSize, kSize, errc::kWrongSerializedBuffer),
                   alg);
}

std::string Signature::ToBase64() const { return detail::JsonToBase64(ToJson()); }

Signature Signature::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoSignature"));
}

}  // namespace nmshd::crypto
