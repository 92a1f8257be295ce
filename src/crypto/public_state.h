#pragma once
// CryptoPublicState: the published half of a transmit state,
// {"@type":"CryptoPublicState","nnc":"<b64url 24 B>","alg":3,"typ":2,"id":?} ("@type" first when
// verbose; relationship responses embed it non-verbose).
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "crypto/algorithms.h"
#include "crypto/cipher.h"

namespace nmshd::crypto {

class PublicState {
 public:
  PublicState(const Nonce& nonce, StateType type, std::optional<std::string> id = std::nullopt);

  const Nonce& nonce() const { return nonce_; }
  StateType stateType() const { return type_; }
  EncryptionAlgorithm algorithm() const { return EncryptionAlgorithm::kXChaCha20Poly1305; }
  const std::optional<std::string>& id() const { return id_; }

  boost::json::object ToJson(bool verbose = true) const;
  static PublicState FromJson(const boost::json::value& json);

  bool operator==(const PublicState&) const = default;

 private:
  Nonce nonce_;
  StateType type_;
  std::optional<std::string> id_;
};

// error.crypto.state.wrongType unless `typ` is 1 (Receive) or 2 (Transmit).
StateType CheckStateType(std::int64_t typ, std::string_view what);

}  // namespace nmshd::crypto
