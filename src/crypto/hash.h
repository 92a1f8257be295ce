#pragma once
// SHA-256 / SHA-512 (libsodium), as @nmshd/crypto CryptoHash: algorithm codes 1 = SHA256, 2 = SHA512.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace nmshd::crypto {

std::array<std::uint8_t, 32> Sha256(std::span<const std::uint8_t> data);
std::array<std::uint8_t, 64> Sha512(std::span<const std::uint8_t> data);
inline std::array<std::uint8_t, 32> Sha256(std::string_view text) {
  return Sha256(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace nmshd::crypto
