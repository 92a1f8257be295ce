#include "crypto/exchange_secrets.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"
#include "crypto/secret_key.h"

namespace nmshd::crypto {

ExchangeSecrets::ExchangeSecrets(Bytes receiving_key, Bytes transmission_key)
    : rx_(std::move(receiving_key)), tx_(std::move(transmission_key)) {
  if (rx_.size() != 32 || tx_.size() != 32) {
    throw CodedError(errc::kEncryptionWrongSecretKey,
                     "CryptoExchangeSecrets.rx and .tx must be 32 bytes each");
  }
}

boost::json::object ExchangeSecrets::ToJson(bool verbose) const {
  boost::json::object o;
  o["rx"] = base64::EncodeUrlNoPad(rx_);
  o["tx"] = base64::EncodeUrlNoPad(tx_);
  o["alg"] = static_cast<int>(algorithm());
  if (verbose) o["@type"] = "CryptoExchangeSecrets";
  return o;
}

ExchangeSecrets ExchangeSecrets::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoExchangeSecrets";
  const auto& o = detail::ExpectObject(json, kWhat);
  CheckEncryptionAlgorithm(detail::RequireInteger(o, "alg", kWhat, errc::kEncryptionWrongAlgorithm),
                           kWhat);
  return {detail::RequireBytes(o, "rx", kWhat, 32, 32, errc::kEncryptionWrongSecretKey),
          detail::RequireBytes(o, "tx", kWhat, 32, 32, errc::kEncryptionWrongSecretKey)};
}

}  // namespace nmshd::crypto
