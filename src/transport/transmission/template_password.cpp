#include "transport/transmission/template_password.h"

#include "base/base64.h"
#include "crypto/derivation.h"
#include "crypto/random.h"

namespace nmshd::transport {

std::string DerivePasswordHash(std::string_view password, std::span<const std::uint8_t> salt) {
  const auto key = crypto::DeriveKeyFromPassword(
      std::span(reinterpret_cast<const std::uint8_t*>(password.data()), password.size()), salt);
  return base64::EncodeStandard(key.bytes());
}

std::vector<std::uint8_t> GeneratePasswordSalt() {
  return crypto::RandomBytes(crypto::kPasswordSaltBytes);
}

}  // namespace nmshd::transport
