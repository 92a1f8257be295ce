#pragma once
// CryptoDerivation of @nmshd/crypto: crypto_kdf sub-keys from a 32-byte base key, and Argon2 password
// hashing. The official contexts and the transport library's password parameters are named here so
// callers cannot drift from them.
#include <cstdint>
#include <span>
#include <string_view>

#include "crypto/secret_key.h"

namespace nmshd::crypto {

// crypto_kdf contexts used by @nmshd/crypto (relationships) and @nmshd/transport 7.0.0.
namespace kdf_context {
inline constexpr std::string_view kRequestTemplate = "REQTMP01";  // relationship request key
inline constexpr std::string_view kRelationshipRequestor = "RELREQ01";  // requestor -> templator
inline constexpr std::string_view kRelationshipTemplator = "RELTEM01";  // templator -> requestor
inline constexpr std::string_view kSecret = "SECRET01";  // SecretController, local secrets
inline constexpr std::string_view kDevice = "DEVICE01";  // DeviceSecretController
inline constexpr std::string_view kDataSync = "DataSync";  // datawallet sync, keyId = index
}  // namespace kdf_context

// crypto_kdf_derive_from_key(32, key_id, context, base). `base` must be 32 bytes and `context`
// exactly 8 characters, else error.crypto.wrongLength.
SecretKey DeriveKeyFromBase(std::span<const std::uint8_t> base, std::uint64_t key_id,
                            std::string_view context);

enum class PasswordHashAlgorithm : int { kArgon2i = 1, kArgon2id = 2 };

// CoreCrypto.deriveKeyFromPassword of @nmshd/transport 7.0.0 (TransportVersion V1).
inline constexpr unsigned long long kTransportPasswordOpsLimit = 3;
inline constexpr std::size_t kTransportPasswordMemLimit = 20 * 1024 * 1024;
inline constexpr std::size_t kPasswordSaltBytes = 16;

// crypto_pwhash(32, password, salt, opslimit, memlimit, alg). The salt must be 16 bytes
// (error.crypto.wrongLength); limits outside libsodium's range throw error.crypto.wrongMaximum.
SecretKey DeriveKeyFromPassword(std::span<const std::uint8_t> password,
                                std::span<const std::uint8_t> salt,
                                unsigned long long opslimit = kTransportPasswordOpsLimit,
                                std::size_t memlimit = kTransportPasswordMemLimit,
                                PasswordHashAlgorithm alg = PasswordHashAlgorithm::kArgon2id);

}  // namespace nmshd::crypto
