#include "crypto/exchange_public_key.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"

namespace nmshd::crypto {

void CheckExchangeAlgorithm(std::int64_t alg, std::string_view what) {
  if (alg != static_cast<int>(ExchangeAlgorithm::kEcdhX25519)) {
    throw CodedError(errc::kExchangeWrongAlgorithm, std::string(what) + ".alg " +
                                                        std::to_string(alg) +
                                                        " is not supported (only 3, ECDH_X25519)");
  }
}

ExchangePublicKey::ExchangePublicKey(Bytes pub) : pub_(std::move(pub)) {
  if (pub_.size() != kSize) {
    throw CodedError(errc::kExchangeWrongPublicKey,
                     "CryptoExchangePublicKey.pub must be 32 bytes, got " +
                         std::to_string(pub_.size()));
  }
}

boost::json::object ExchangePublicKey::ToJson(bool verbose) const {
  boost::json::object o;
  if (verbose) o["@type"] = "CryptoExchangePublicKey";
  o["pub"] = base64::EncodeUrlNoPad(pub_);
  o["alg"] = static_cast<int>(algorithm());
  return o;
}

ExchangePublicKey ExchangePublicKey::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoExchangePublicKey";
  const auto& o = detail::ExpectObject(json, kWhat);
  CheckExchangeAlgorithm(detail::RequireInteger(o, "alg", kWhat, errc::kExchangeWrongAlgorithm),
                         kWhat);
  return ExchangePublicKey(
      detail::RequireBytes(o, "pub", kWhat, kSize, kSize, errc::kExchangeWrongPublicKey));
}

std::string ExchangePublicKey::ToBase64() const { return detail::JsonToBase64(ToJson()); }

ExchangePublicKey ExchangePublicKey::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoExchangePublicKey"));
}

}  // namespace nmshd::crypto
