#pragma once
// Secure randomness (libsodium randombytes). The library is initialised on first use.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::crypto {

// sodium_init() once; safe to call from any thread. Throws if libsodium cannot initialise.
void EnsureSodium();

std::vector<std::uint8_t> RandomBytes(std::size_t count);
// `count` characters drawn uniformly (no modulo bias) from `alphabet`.
std::string RandomString(std::size_t count, std::string_view alphabet);

}  // namespace nmshd::crypto
