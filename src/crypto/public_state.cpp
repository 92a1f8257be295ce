#include "crypto/public_state.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/encryption.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"
#include "crypto/secret_key.h"

namespace nmshd::crypto {

StateType CheckStateType(std::int64_t typ, std::string_view what) {
  if (typ != 1 && typ != 2) {
    throw CodedError(errc::kStateWrongType, std::string(what) + ".typ " + std::to_string(typ) +
                                                " is not a state type (1 Receive, 2 Transmit)");
  }
  return static_cast<StateType>(typ);
}

PublicState::PublicState(const Nonce& nonce, StateType type, std::optional<std::string> id)
    : nonce_(nonce), type_(type), id_(std::move(id)) {}

boost::json::object PublicState::ToJson(bool verbose) const {
  boost::json::object o;
  if (verbose) o["@type"] = "CryptoPublicState";
  o["nnc"] = base64::EncodeUrlNoPad(nonce_);
  o["alg"] = static_cast<int>(algorithm());
  o["typ"] = static_cast<int>(type_);
  if (id_) o["id"] = *id_;
  return o;
}

PublicState PublicState::FromJson(const boost::json::value& json) {
  constexpr std::string_view kWhat = "CryptoPublicState";
  const auto& o = detail::ExpectObject(json, kWhat);
  CheckEncryptionAlgorithm(detail::RequireInteger(o, "alg", kWhat, errc::kEncryptionWrongAlgorithm),
                           kWhat);
  auto typ = CheckStateType(detail::RequireInteger(o, "typ", kWhat, errc::kStateWrongType), kWhat);
  auto nonce = detail::RequireBytes(o, "nnc", kWhat, 24, 24, errc::kEncryptionWrongNonce);
  return PublicState(ToNonce(nonce), typ, detail::OptionalString(o, "id", kWhat));
}

}  // namespace nmshd::crypto
