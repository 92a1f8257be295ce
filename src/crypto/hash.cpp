#include "crypto/hash.h"

#include <sodium.h>

namespace nmshd::crypto {

std::array<std::uint8_t, 32> Sha256(std::span<const std::uint8_t> data) {
  std::array<std::uint8_t, 32> out{};
  crypto_hash_sha256(out.data(), data.data(), data.size());
  return out;
}

std::array<std::uint8_t, 64> Sha512(std::span<const std::uint8_t> data) {
  std::array<std::uint8_t, 64> out{};
  crypto_hash_sha512(out.data(), data.data(), data.size());
  return out;
}

}  // namespace nmshd::crypto
