#include "base/base64.h"

#include <sodium.h>

#include "base/coded_error.h"

namespace nmshd::base64 {
namespace {

std::string Encode(std::span<const std::uint8_t> bytes, int variant) {
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(out.size() - 1);  // libsodium counts the terminating NUL
  return out;
}

Bytes Decode(std::string_view text, int variant, const char* name) {
  Bytes out(text.size() / 4 * 3 + 3);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        variant) != 0 ||
      end != text.data() + text.size()) {
    throw CodedError("error.base.invalidBase64",
                     std::string("the value is not valid ") + name + " (length " +
                         std::to_string(text.size()) + ")");
  }
  out.resize(len);
  return out;
}

}  // namespace

std::string EncodeUrlNoPad(std::span<const std::uint8_t> bytes) {
  return Encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string EncodeStandard(std::span<const std::uint8_t> bytes) {
  return Encode(bytes, sodium_base64_VARIANT_ORIGINAL);
}

Bytes DecodeUrlNoPad(std::string_view text) {
  return Decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "base64url without padding");
}

Bytes DecodeStandard(std::string_view text) {
  return Decode(text, sodium_base64_VARIANT_ORIGINAL, "standard base64 with padding");
}

namespace {

// DecodeAny's input in the base64url alphabet without padding, not yet checked.
std::string MapToUrlNoPad(std::string_view text) {
  std::string normalized;
  normalized.reserve(text.size());
  for (char c : text) {
    if (c == '+') {
      normalized.push_back('-');
    } else if (c == '/') {
      normalized.push_back('_');
    } else if (c != '=') {
      normalized.push_back(c);
    }
  }
  if (normalized.size() + 2 < text.size()) {  // more than two '=' cannot be padding
    throw CodedError("error.base.invalidBase64", "the value has more padding than base64 allows");
  }
  return normalized;
}

}  // namespace

Bytes DecodeAny(std::string_view text) {
  return Decode(MapToUrlNoPad(text), sodium_base64_VARIANT_URLSAFE_NO_PADDING, "base64");
}

std::string NormalizeToUrlNoPad(std::string_view text, std::size_t& bytes) {
  auto normalized = MapToUrlNoPad(text);
  bytes = Decode(normalized, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "base64").size();
  return normalized;
}

}  // namespace nmshd::base64
