#pragma once
// Numeric algorithm codes exactly as @nmshd/crypto 2.1.3 writes them into the "alg"/"typ" fields.
// Only the libsodium-backed members are implemented by the official library; the others exist so
// that parsers can name them when rejecting.

namespace nmshd::crypto {

enum class EncryptionAlgorithm : int { kAes128Gcm = 1, kAes256Gcm = 2, kXChaCha20Poly1305 = 3 };
enum class SignatureAlgorithm : int { kEcdsaP256 = 1, kEcdsaP521 = 2, kEcdsaEd25519 = 3 };
// CryptoSignature.alg carries this hash label only as metadata: Ed25519 signs the raw message.
enum class HashAlgorithm : int { kSha256 = 1, kSha512 = 2, kBlake2b = 3 };
enum class ExchangeAlgorithm : int { kEcdhP256 = 1, kEcdhP521 = 2, kEcdhX25519 = 3 };
enum class StateType : int { kReceive = 1, kTransmit = 2 };
enum class RelationshipType : int { kTemplator = 1, kRequestor = 2 };

}  // namespace nmshd::crypto
