#include "crypto/exchange_private_key.h"

#include <sodium.h>

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"
#include "crypto/random.h"

namespace nmshd::crypto {

ExchangePrivateKey::ExchangePrivateKey(Bytes prv) : prv_(std::move(prv)) {
  if (prv_.size() != kSize) {
    throw CodedError(errc::kExchangeWrongPrivateKey,
                     "CryptoExchangePrivateKey.prv must be 32 bytes, got " +
                         std::to_string(prv_.size()));
  }
}

ExchangePublicKey ExchangePrivateKey::ToPublicKey() const {
  EnsureSodium();
  Bytes pub(crypto_scalarmult_BYTES);
  crypto_scalarmult_base(pub.data(), prv_.data());
  return ExchangePublicKey(std::move(pub));
}

boost::json::object ExchangePrivateKey::ToJson(bool verbose) const {
  boost::json::object o;
  o["prv"] = base64::EncodeUrlNoPad(prv_);
  o["alg"] = static_cast<int>(algorithm());
  if (verbose) o["@type"] = "CryptoExchangePrivateKey";
  return o;
}

ExchangePrivateKey ExchangePrivateKey::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoExchangePrivateKey";
  const auto& o = detail::ExpectObject(json, kWhat);
  CheckExchangeAlgorithm(detail::RequireInteger(o, "alg", kWhat, errc::kExchangeWrongAlgorithm),
                         kWhat);
  return ExchangePrivateKey(
      detail::RequireBytes(o, "prv", kWhat, kSize, kSize, errc::kExchangeWrongPrivateKey));
}

std::string ExchangePrivateKey::ToBase64() const { return detail::JsonToBase64(ToJson()); }

ExchangePrivateKey ExchangePrivateKey::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoExchangePrivateKey"));
}

}  // namespace nmshd::crypto
