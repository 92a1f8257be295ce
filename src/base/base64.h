#pragma once
// Base64 in the variants the official clients write: base64url without padding (every crypto field,
// libsodium URLSAFE_NO_PADDING) and standard base64 with padding (CoreBuffer.toBase64, password salts).
// All decoders are strict: a character or length the variant does not allow throws CodedError
// "error.base.invalidBase64" naming the variant.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::base64 {

using Bytes = std::vector<std::uint8_t>;

std::string EncodeUrlNoPad(std::span<const std::uint8_t> bytes);
std::string EncodeStandard(std::span<const std::uint8_t> bytes);
inline std::string EncodeUrlNoPad(std::string_view text) {
  return EncodeUrlNoPad(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Bytes DecodeUrlNoPad(std::string_view text);
Bytes DecodeStandard(std::string_view text);
// Accepts base64url or standard base64, padded or not: what the official Backbone accepts on input.
Bytes DecodeAny(std::string_view text);
// What EncodeUrlNoPad(DecodeAny(text)) returns, in one pass fewer: the decoders refuse unused bits
// that are not zero, so the accepted input with '+' '/' mapped and padding dropped is already that
// canonical form. `bytes` receives the decoded length. Throws as DecodeAny.
std::string NormalizeToUrlNoPad(std::string_view text, std::size_t& bytes);

inline std::string ToString(const Bytes& bytes) { return {bytes.begin(), bytes.end()}; }

}  // namespace nmshd::base64
