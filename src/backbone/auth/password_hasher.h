#pragma once
// Device passwords at rest: libsodium crypto_pwhash_str (Argon2id, self-describing "$argon2id$…"
// strings with their own salt and parameters), the modern counterpart of ASP.NET Identity's
// PasswordHasher the official server uses.
//
// Cost: opslimit 2 (crypto_pwhash_OPSLIMIT_INTERACTIVE) with 19 MiB of memory (OWASP's minimum
// recommendation for Argon2id, below libsodium's 64 MiB "interactive" limit) — a few tens of
// milliseconds per registration and login on one core. Device passwords are 45..50 random
// characters (transport PasswordGenerator), so a cheaper hash does not make them guessable; it keeps
// logins fast for many clients and tests. Verification reads the parameters from the stored string,
// so raising them later keeps old hashes valid.
#include <string>
#include <string_view>

namespace nmshd::backbone::auth {

// Throws std::runtime_error when libsodium cannot allocate the memory.
std::string HashPassword(std::string_view password);
// False for a wrong password or a malformed hash; never throws for bad input.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace nmshd::backbone::auth
