#pragma once
// CryptoEncryption of @nmshd/crypto: XChaCha20-Poly1305 (IETF AEAD, empty associated data,
// output ct||tag) with either a random 24-byte nonce carried in the cipher, or a counter nonce
// (state ciphers: base nonce + counter, only the counter is carried).
#include <cstdint>
#include <span>

#include "crypto/cipher.h"
#include "crypto/secret_key.h"

namespace nmshd::crypto {

// CryptoEncryption.encrypt without a nonce: a fresh random nonce per call.
Cipher Encrypt(std::span<const std::uint8_t> plaintext, const SecretKey& key);
// Same, but writes the ciphertext into `storage` (a buffer from Cipher::TakeBytes() or any other
// vector): large payloads then cost no allocation and no page faults per message.
Cipher Encrypt(std::span<const std::uint8_t> plaintext, const SecretKey& key, Bytes&& storage);
// With a caller-chosen nonce, which must never repeat for `key`.
Cipher Encrypt(std::span<const std::uint8_t> plaintext, const SecretKey& key, const Nonce& nonce);
// encryptWithCounter: nonce' = AddCounter(nonce, counter); the cipher carries only `cnt`.
Cipher EncryptWithCounter(std::span<const std::uint8_t> plaintext, const SecretKey& key,
                          const Nonce& nonce, std::uint32_t counter);

// Uses the cipher's own nonce; a counter cipher throws error.crypto.encryption.wrongNonce.
// Authentication failure throws error.crypto.encryption.decrypt.
Bytes Decrypt(const Cipher& cipher, const SecretKey& key);
Bytes Decrypt(const Cipher& cipher, const SecretKey& key, const Nonce& nonce);
// Decrypts into `out` (resized, capacity reused); `out` is unspecified after a failure.
void Decrypt(const Cipher& cipher, const SecretKey& key, Bytes& out);
Bytes DecryptWithCounter(const Cipher& cipher, const SecretKey& key, const Nonce& nonce,
                         std::uint32_t counter);

// CoreBuffer.add / CryptoEncryption._addCounter: bytes 20..23 of the nonce, read as a little-endian
// uint32, plus `counter` (sodium_add over the 24-byte LE number; the carry beyond byte 23 is lost).
Nonce AddCounter(const Nonce& nonce, std::uint32_t counter);
// A 24-byte nonce from a byte field; any other length throws error.crypto.encryption.wrongNonce.
Nonce ToNonce(std::span<const std::uint8_t> bytes, std::string_view what = "nonce");
Nonce RandomNonce();

}  // namespace nmshd::crypto
