#include "crypto/exchange_keypair.h"

#include <sodium.h>

#include "crypto/json_fields.h"
#include "crypto/random.h"

namespace nmshd::crypto {

ExchangeKeypair::ExchangeKeypair(ExchangePublicKey pub, ExchangePrivateKey prv)
    : pub_(std::move(pub)), prv_(std::move(prv)) {}

ExchangeKeypair ExchangeKeypair::Generate() {
  EnsureSodium();
  Bytes pub(crypto_kx_PUBLICKEYBYTES);
  Bytes prv(crypto_kx_SECRETKEYBYTES);
  crypto_kx_keypair(pub.data(), prv.data());
  return {ExchangePublicKey(std::move(pub)), ExchangePrivateKey(std::move(prv))};
}

boost::json::object ExchangeKeypair::ToJson(bool verbose) const {
  boost::json::object o;
  o["pub"] = pub_.ToJson(false);
  o["prv"] = prv_.ToJson(false);
  if (verbose) o["@type"] = "CryptoExchangeKeypair";
  return o;
}

ExchangeKeypair ExchangeKeypair::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoExchangeKeypair";
  const auto& o = detail::ExpectObject(json, kWhat);
  return {ExchangePublicKey::FromJson(detail::RequireObjectField(o, "pub", kWhat)),
          ExchangePrivateKey::FromJson(detail::RequireObjectField(o, "prv", kWhat))};
}

std::string ExchangeKeypair::ToBase64() const { return detail::JsonToBase64(ToJson()); }

ExchangeKeypair ExchangeKeypair::FromBase64(std::string_view text) {
  return FromJson(detail::ParseBase64Json(text, "CryptoExchangeKeypair"));
}

}  // namespace nmshd::crypto
