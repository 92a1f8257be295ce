#include "crypto/private_state_receive.h"

#include "base/coded_error.h"
#include "crypto/encryption.h"
#include "crypto/error_codes.h"

namespace nmshd::crypto {

PrivateStateReceive::PrivateStateReceive(const Nonce& nonce, std::uint64_t counter, SecretKey key,
                                         std::optional<std::string> id)
    : PrivateState(nonce, counter, std::move(key), StateType::kReceive, std::move(id)) {}

PrivateStateReceive PrivateStateReceive::FromNonce(const Nonce& nonce, SecretKey key,
                                                   std::uint64_t counter) {
  return PrivateStateReceive(nonce, counter, std::move(key));
}

PrivateStateReceive PrivateStateReceive::FromPublicState(const PublicState& state, SecretKey key,
                                                         std::uint64_t counter) {
  return PrivateStateReceive(state.nonce(), counter, std::move(key), state.id());
}

Bytes PrivateStateReceive::Decrypt(const Cipher& cipher, bool omit_counter_check) {
  if (!cipher.counter()) {
    throw CodedError(errc::kEncryptionWrongCounter, "the cipher carries no counter (cnt)");
  }
  const std::uint32_t counter = *cipher.counter();
  if (omit_counter_check) return DecryptWithCounter(cipher, key_, nonce_, counter);
  if (counter_ != counter) {
    throw CodedError(errc::kStateWrongOrder,
                     "The current message seems to be out of order. The in order number would be " +
                         std::to_string(counter_) + " and message is " + std::to_string(counter) +
                         ".");
  }
  Bytes plain = DecryptWithCounter(cipher, key_, nonce_, counter);
  ++counter_;
  return plain;
}

PrivateStateReceive PrivateStateReceive::FromJson(const boost::json::value& json) {
  return PrivateStateReceive(Parse(json, "CryptoPrivateStateReceive", StateType::kReceive));
}

}  // namespace nmshd::crypto
