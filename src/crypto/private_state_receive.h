#pragma once
// CryptoPrivateStateReceive: decrypts the peer's counter ciphers. In order (the default) the cipher's
// counter must equal ours and ours advances; with omit_counter_check (how messages are read) any
// counter is accepted and ours stays.
#include "crypto/private_state.h"

namespace nmshd::crypto {

class PrivateStateReceive : public PrivateState {
 public:
  PrivateStateReceive(const Nonce& nonce, std::uint64_t counter, SecretKey key,
                      std::optional<std::string> id = std::nullopt);
  // fromNonce / fromPublicState of the official library.
  static PrivateStateReceive FromNonce(const Nonce& nonce, SecretKey key, std::uint64_t counter = 0);
  static PrivateStateReceive FromPublicState(const PublicState& state, SecretKey key,
                                             std::uint64_t counter = 0);

  // error.crypto.encryption.wrongCounter (no cnt), error.crypto.state.orderDoesNotMatch (out of
  // order), error.crypto.encryption.decrypt (authentication failure).
  Bytes Decrypt(const Cipher& cipher, bool omit_counter_check = false);

  static PrivateStateReceive FromJson(const boost::json::value& json);

 private:
  explicit PrivateStateReceive(PrivateState state) : PrivateState(std::move(state)) {}
};

}  // namespace nmshd::crypto
