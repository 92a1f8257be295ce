#include "crypto/derivation.h"

#include <sodium.h>

#include "base/coded_error.h"
#include "crypto/error_codes.h"
#include "crypto/random.h"

namespace nmshd::crypto {

SecretKey DeriveKeyFromBase(std::span<const std::uint8_t> base, std::uint64_t key_id,
                            std::string_view context) {
  if (context.size() != crypto_kdf_CONTEXTBYTES) {
    throw CodedError(errc::kWrongLength, "kdf context must be exactly 8 characters, got \"" +
                                             std::string(context) + "\"");
  }
  if (base.size() != crypto_kdf_KEYBYTES) {
    throw CodedError(errc::kWrongLength,
                     "kdf base key must be 32 bytes, got " + std::to_string(base.size()));
  }
  EnsureSodium();
  char ctx[crypto_kdf_CONTEXTBYTES];
  std::copy(context.begin(), context.end(), ctx);
  Bytes out(SecretKey::kSize);
  crypto_kdf_derive_from_key(out.data(), out.size(), key_id, ctx, base.data());
  return SecretKey(std::move(out));
}

SecretKey DeriveKeyFromPassword(std::span<const std::uint8_t> password,
                                std::span<const std::uint8_t> salt, unsigned long long opslimit,
                                std::size_t memlimit, PasswordHashAlgorithm alg) {
  if (salt.size() != crypto_pwhash_SALTBYTES) {
    throw CodedError(errc::kWrongLength, "password salt must be exactly 16 bytes, got " +
                                             std::to_string(salt.size()));
  }
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_MAX) {
    throw CodedError(errc::kWrongParameters, "password opslimit " + std::to_string(opslimit) +
                                                 " is outside libsodium's range");
  }
  if (memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_MAX) {
    throw CodedError(errc::kWrongParameters, "password memlimit " + std::to_string(memlimit) +
                                                 " is outside libsodium's range");
  }
  EnsureSodium();
  const int sodium_alg = alg == PasswordHashAlgorithm::kArgon2i ? crypto_pwhash_ALG_ARGON2I13
                                                                : crypto_pwhash_ALG_ARGON2ID13;
  Bytes out(SecretKey::kSize);
  if (crypto_pwhash(out.data(), out.size(), reinterpret_cast<const char*>(password.data()),
                    password.size(), salt.data(), opslimit, memlimit, sodium_alg) != 0) {
    throw CodedError(errc::kWrongParameters, "crypto_pwhash failed (out of memory?)");
  }
  return SecretKey(std::move(out));
}

}  // namespace nmshd::crypto
