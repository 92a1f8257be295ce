#include "crypto/encryption.h"

#include <sodium.h>

#include <cstring>

#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/random.h"

namespace nmshd::crypto {
namespace {

constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

Bytes Seal(std::span<const std::uint8_t> plaintext, const SecretKey& key, const Nonce& nonce,
           Bytes out = {}) {
  if (plaintext.size() + kTag > Cipher::kMaxCipherBytes) {
    throw CodedError(errc::kEncryptionEncrypt, "plaintext of " + std::to_string(plaintext.size()) +
                                                   " B exceeds the 100 MiB cipher limit");
  }
  out.resize(plaintext.size() + kTag);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), &len, plaintext.data(), plaintext.size(),
                                             nullptr, 0, nullptr, nonce.data(),
                                             key.bytes().data());
  return out;
}

}  // namespace

Nonce RandomNonce() {
  EnsureSodium();
  Nonce n;
  randombytes_buf(n.data(), n.size());
  return n;
}

Nonce ToNonce(std::span<const std::uint8_t> bytes, std::string_view what) {
  if (bytes.size() != 24) {
    throw CodedError(errc::kEncryptionWrongNonce, std::string(what) + " must be 24 bytes, got " +
                                                      std::to_string(bytes.size()));
  }
  Nonce n;
  std::memcpy(n.data(), bytes.data(), n.size());
  return n;
}

Nonce AddCounter(const Nonce& nonce, std::uint32_t counter) {
  Nonce sum = nonce;
  Nonce addend{};
  addend[20] = static_cast<std::uint8_t>(counter);
  addend[21] = static_cast<std::uint8_t>(counter >> 8);
  addend[22] = static_cast<std::uint8_t>(counter >> 16);
  addend[23] = static_cast<std::uint8_t>(counter >> 24);
  sodium_add(sum.data(), addend.data(), sum.size());
  return sum;
}

Cipher Encrypt(std::span<const std::uint8_t> plaintext, const SecretKey& key) {
  const Nonce nonce = RandomNonce();
  return Cipher::WithNonce(Seal(plaintext, key, nonce), nonce);
}

Cipher Encrypt(std::span<const std::uint8_t> plaintext, const SecretKey& key, Bytes&& storage) {
  const Nonce nonce = RandomNonce();
  return Cipher::WithNonce(Seal(plaintext, key, nonce, std::move(storage)), nonce);
}

Cipher Encrypt(std::span<const std::uint8_t> plaintext, const SecretKey& key, const Nonce& nonce) {
  EnsureSodium();
  return Cipher::WithNonce(Seal(plaintext, key, nonce), nonce);
}

Cipher EncryptWithCounter(std::span<const std::uint8_t> plaintext, const SecretKey& key,
                          const Nonce& nonce, std::uint32_t counter) {
  EnsureSodium();
  return Cipher::WithCounter(Seal(plaintext, key, AddCounter(nonce, counter)), counter);
}

namespace {

void Open(const Cipher& cipher, const SecretKey& key, const Nonce& nonce, Bytes& out) {
  EnsureSodium();
  const Bytes& c = cipher.bytes();
  if (c.size() < kTag) {
    throw CodedError(errc::kEncryptionDecrypt, "ciphertext of " + std::to_string(c.size()) +
                                                   " B is shorter than the 16-byte tag");
  }
  out.resize(c.size() - kTag);
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), &len, nullptr, c.data(), c.size(),
                                                 nullptr, 0, nonce.data(),
                                                 key.bytes().data()) != 0) {
    throw CodedError(errc::kEncryptionDecrypt,
                     "ciphertext cannot be decrypted using the given key and nonce");
  }
}

}  // namespace

Bytes Decrypt(const Cipher& cipher, const SecretKey& key, const Nonce& nonce) {
  Bytes out;
  Open(cipher, key, nonce, out);
  return out;
}

void Decrypt(const Cipher& cipher, const SecretKey& key, Bytes& out) {
  if (!cipher.nonce()) {
    throw CodedError(errc::kEncryptionWrongNonce,
                     "Cipher does not contain a nonce and no nonce is given.");
  }
  Open(cipher, key, *cipher.nonce(), out);
}

Bytes Decrypt(const Cipher& cipher, const SecretKey& key) {
  if (!cipher.nonce()) {
    throw CodedError(errc::kEncryptionWrongNonce,
                     "Cipher does not contain a nonce and no nonce is given.");
  }
  return Decrypt(cipher, key, *cipher.nonce());
}

Bytes DecryptWithCounter(const Cipher& cipher, const SecretKey& key, const Nonce& nonce,
                         std::uint32_t counter) {
  return Decrypt(cipher, key, AddCounter(nonce, counter));
}

}  // namespace nmshd::crypto
