#pragma once
// The password hash the Backbone stores for password-protected templates and tokens
// (CoreCrypto.deriveHashOutOfPassword(...).toBase64() of @nmshd/transport 7.0.0): Argon2id with
// opslimit 3, memlimit 20 MiB, 32 bytes, over the UTF-8 password and the 16-byte salt, written as
// standard base64 with padding. The salt itself never goes to the Backbone: it travels in the
// reference or token content (SharedPasswordProtection), so the Backbone cannot check a guess
// alone.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::transport {

// The `password` field of POST /RelationshipTemplates, POST /Tokens and of the GET query. A salt
// that is not 16 bytes throws error.crypto.wrongLength.
std::string DerivePasswordHash(std::string_view password, std::span<const std::uint8_t> salt);

// 16 random bytes (CoreCrypto.random(16)), what the official code salts a new password with.
std::vector<std::uint8_t> GeneratePasswordSalt();

}  // namespace nmshd::transport
