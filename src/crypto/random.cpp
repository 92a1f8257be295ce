#include "crypto/random.h"

#include <sodium.h>

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
  EnsureSodium();
  std::string out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))]);
  }
  return out;
}

}  // namespace nmshd::crypto
