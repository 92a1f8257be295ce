#pragma once
// CryptoPrivateState: the secret half of one direction of a relationship channel,
// {"nnc":"<b64url 24 B>","cnt":<n>,"key":"<b64url 32 B>","alg":3,"typ":1|2,"id":?,"@type":…}.
// The official subclasses always write their "@type" (their toJSON ignores `verbose`).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/cipher.h"
#include "crypto/public_state.h"
#include "crypto/secret_key.h"

namespace nmshd::crypto {

class PrivateState {
 public:
  const Nonce& nonce() const { return nonce_; }
  std::uint64_t counter() const { return counter_; }
  const SecretKey& secretKey() const { return key_; }
  StateType stateType() const { return type_; }
  const std::optional<std::string>& id() const { return id_; }

  PublicState ToPublicState() const { return PublicState(nonce_, type_, id_); }
  boost::json::object ToJson() const;

  bool operator==(const PrivateState&) const = default;

 protected:
  PrivateState(const Nonce& nonce, std::uint64_t counter, SecretKey key, StateType type,
               std::optional<std::string> id);
  // Parses the common fields; `type_name` is the expected "@type", `type` the required "typ".
  static PrivateState Parse(const boost::json::value& json, std::string_view type_name,
                            StateType type);
  // error.crypto.encryption.wrongCounter when `value` is outside 0..2^32-1.
  static std::uint32_t CheckCounter(std::uint64_t value, std::string_view what);

  Nonce nonce_;
  std::uint64_t counter_;
  SecretKey key_;
  StateType type_;
  std::optional<std::string> id_;
};

}  // namespace nmshd::crypto
