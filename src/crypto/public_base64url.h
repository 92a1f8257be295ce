#pragma once
// Base64url without padding for PUBLIC data only (ciphertexts, nonces, the base64 wire form of a
// cipher). libsodium's codec is constant-time, which secrets need but which made base64 ~80% of the
// cost of sending a cipher (perf, 1 KiB messages). This table codec is variable-time and therefore
// never used for keys. It accepts exactly what libsodium's URLSAFE_NO_PADDING decoder accepts:
// alphabet [A-Za-z0-9-_], no padding, length % 4 != 1, unused trailing bits zero.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "crypto/bytes.h"

namespace nmshd::crypto::public_base64url {

void Append(std::string& out, std::span<const std::uint8_t> bytes);
inline std::string Encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  Append(out, bytes);
  return out;
}
// nullopt if `text` is not valid base64url without padding.
std::optional<Bytes> Decode(std::string_view text);

}  // namespace nmshd::crypto::public_base64url
