#pragma once
// Byte buffers of the crypto layer (CoreBuffer of @nmshd/crypto).
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace nmshd::crypto {

using Bytes = std::vector<std::uint8_t>;

// The UTF-8 bytes of a string, as CoreBuffer.fromUtf8 gives them (no copy).
inline std::span<const std::uint8_t> Utf8Bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace nmshd::crypto
