#pragma once
// CryptoPrivateStateTransmit: encrypts with nonce = base nonce + counter and advances the counter.
#include <span>

#include "crypto/private_state.h"

namespace nmshd::crypto {

class PrivateStateTransmit : public PrivateState {
 public:
  PrivateStateTransmit(const Nonce& nonce, std::uint64_t counter, SecretKey key,
                       std::optional<std::string> id = std::nullopt);
  // CryptoPrivateStateTransmit.generate: fresh random base nonce, counter 0.
  static PrivateStateTransmit Generate(SecretKey key);

  // Encrypts with the current counter, then increments it. error.crypto.encryption.wrongCounter
  // once the counter has passed 2^32-1.
  Cipher Encrypt(std::span<const std::uint8_t> plaintext);
  // Moves the counter `count` values ahead without encrypting. For a state restored from an older
  // copy: the values between that copy and the lost newest state may already have been used, and
  // a nonce must never be used twice under one key. Receivers of relationship messages do not
  // check counters (omitCounterCheck), so the gap is invisible to them.
  // error.crypto.encryption.wrongCounter when the counter would pass 2^32-1.
  void SkipAhead(std::uint32_t count);
  // Decrypts one of our own ciphers with its `cnt` (no counter check); nonce ciphers throw
  // error.crypto.encryption.wrongCounter.
  Bytes Decrypt(const Cipher& cipher) const;

  static PrivateStateTransmit FromJson(const boost::json::value& json);

 private:
  explicit PrivateStateTransmit(PrivateState state) : PrivateState(std::move(state)) {}
};

}  // namespace nmshd::crypto
