#include "crypto/random.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace nmshd::crypto {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not be initialised");
}

std::vector<std::uint8_t> RandomBytes(std::size_t count) {
  EnsureSodium();
  std::vector<std::uint8_t> out(count);
  if (count != 0) randombytes_buf(out.data(), out.size());  // data() may be null when empty
  return out;
}

std::string RandomString(std::size_t count, std::string_view alphabet) {
  if (alphabet.empty() || alphabet.size() > 256) throw std::invalid_argument("RandomString needs 1 to 256 symbols");
  EnsureSodium();
  // Bytes from one randombytes_buf call per block (one getrandom per id, not one per character).
  // A byte at or above `limit` is dropped so that every symbol is equally likely (no modulo bias).
  const auto n = static_cast<unsigned>(alphabet.size());
  const unsigned limit = 256 - (256 % n);
  std::string out;
  out.reserve(count);
  std::array<std::uint8_t, 64> block{};
  std::size_t used = block.size();
  while (out.size() < count) {
    if (used == block.size()) {
      randombytes_buf(block.data(), block.size());
      used = 0;
    }
    const unsigned byte = block[used++];
    if (byte < limit) out.push_back(alphabet[byte % n]);
  }
  sodium_memzero(block.data(), block.size());  // the unused bytes could be the next id's
  return out;
}

}  // namespace nmshd::crypto
