#include "crypto/private_state.h"

#include "base/base64.h"
#include "base/coded_error.h"
#include "crypto/encryption.h"
#include "crypto/error_codes.h"
#include "crypto/json_fields.h"

namespace nmshd::crypto {

PrivateState::PrivateState(const Nonce& nonce, std::uint64_t counter, SecretKey key,
                           StateType type, std::optional<std::string> id)
    : nonce_(nonce), counter_(counter), key_(std::move(key)), type_(type), id_(std::move(id)) {
  CheckCounter(counter_, "CryptoPrivateState.cnt");
}

std::uint32_t PrivateState::CheckCounter(std::uint64_t value, std::string_view what) {
  if (value > 0xFFFFFFFFULL) {
    throw CodedError(errc::kEncryptionWrongCounter, std::string(what) +
                                                        " must be within 0 and 4294967295, got " +
                                                        std::to_string(value));
  }
  return static_cast<std::uint32_t>(value);
}

boost::json::object PrivateState::ToJson() const {
  boost::json::object o;
  o["nnc"] = base64::EncodeUrlNoPad(nonce_);
  o["cnt"] = counter_;
  o["key"] = base64::EncodeUrlNoPad(key_.bytes());
  o["alg"] = static_cast<int>(key_.algorithm());
  o["typ"] = static_cast<int>(type_);
  if (id_) o["id"] = *id_;
  o["@type"] = type_ == StateType::kReceive ? "CryptoPrivateStateReceive"
                                            : "CryptoPrivateStateTransmit";
  return o;
}

PrivateState PrivateState::Parse(const boost::json::value& json, std::string_view type_name,
                                 StateType type) {
  const auto& o = detail::ExpectObject(json, type_name);
  // Same order as CryptoPrivateState.preFrom: alg, counter, nonce, key, type, id.
  auto alg = CheckEncryptionAlgorithm(
      detail::RequireInteger(o, "alg", type_name, errc::kEncryptionWrongAlgorithm), type_name);
  auto cnt = detail::RequireInteger(o, "cnt", type_name, errc::kEncryptionWrongCounter);
  if (cnt < 0) {
    throw CodedError(errc::kEncryptionWrongCounter, std::string(type_name) +
                                                        ".cnt must be within 0 and 4294967295, got " +
                                                        std::to_string(cnt));
  }
  CheckCounter(static_cast<std::uint64_t>(cnt), std::string(type_name) + ".cnt");
  auto nonce = detail::RequireBytes(o, "nnc", type_name, 24, 24, errc::kEncryptionWrongNonce);
  auto key = detail::RequireBytes(o, "key", type_name, SecretKey::kSize, SecretKey::kSize,
                                  errc::kEncryptionWrongSecretKey);
  auto typ = CheckStateType(detail::RequireInteger(o, "typ", type_name, errc::kStateWrongType),
                            type_name);
  if (typ != type) {
    throw CodedError(errc::kStateWrongType, std::string(type_name) + ".typ must be " +
                                                std::to_string(static_cast<int>(type)));
  }
  return PrivateState(ToNonce(nonce), static_cast<std::uint64_t>(cnt), SecretKey(std::move(key), alg),
                      typ, detail::OptionalString(o, "id", type_name));
}

}  // namespace nmshd::crypto
