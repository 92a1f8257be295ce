#include "crypto/private_state_transmit.h"

#include "base/coded_error.h"
#include "crypto/encryption.h"
#include "crypto/error_codes.h"

namespace nmshd::crypto {

PrivateStateTransmit::PrivateStateTransmit(const Nonce& nonce, std::uint64_t counter, SecretKey key,
                                           std::optional<std::string> id)
    : PrivateState(nonce, counter, std::move(key), StateType::kTransmit, std::move(id)) {}

PrivateStateTransmit PrivateStateTransmit::Generate(SecretKey key) {
  return PrivateStateTransmit(RandomNonce(), 0, std::move(key));
}

void PrivateStateTransmit::SkipAhead(std::uint32_t count) {
  CheckCounter(counter_ + count, "CryptoPrivateStateTransmit.cnt");
  counter_ += count;
}

Cipher PrivateStateTransmit::Encrypt(std::span<const std::uint8_t> plaintext) {
  const auto counter = CheckCounter(counter_, "CryptoPrivateStateTransmit.cnt");
  Cipher cipher = EncryptWithCounter(plaintext, key_, nonce_, counter);
  ++counter_;
  return cipher;
}

Bytes PrivateStateTransmit::Decrypt(const Cipher& cipher) const {
  if (!cipher.counter()) {
    throw CodedError(errc::kEncryptionWrongCounter, "the cipher carries no counter (cnt)");
  }
  return DecryptWithCounter(cipher, key_, nonce_, *cipher.counter());
}

PrivateStateTransmit PrivateStateTransmit::FromJson(const boost::json::value& json) {
  return PrivateStateTransmit(Parse(json, "CryptoPrivateStateTransmit", StateType::kTransmit));
}

}  // namespace nmshd::crypto
