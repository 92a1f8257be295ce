#include "crypto/public_base64url.h"

#include <array>

namespace nmshd::crypto::public_base64url {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> MakeDecodeTable() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = kInvalid;
  for (std::uint8_t i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = i;
  return t;
}
constexpr auto kDecode = MakeDecodeTable();

}  // namespace

void Append(std::string& out, std::span<const std::uint8_t> bytes) {
  const std::size_t n = bytes.size();
  const std::size_t old = out.size();
  out.resize(old + (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1));
  char* p = out.data() + old;
  const std::uint8_t* s = bytes.data();
  std::size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    const std::uint32_t v = (std::uint32_t{s[i]} << 16) | (std::uint32_t{s[i + 1]} << 8) | s[i + 2];
    *p++ = kAlphabet[v >> 18];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = kAlphabet[(v >> 6) & 63];
    *p++ = kAlphabet[v & 63];
  }
  if (n - i == 1) {
    const std::uint32_t v = std::uint32_t{s[i]} << 16;
    *p++ = kAlphabet[v >> 18];
    *p++ = kAlphabet[(v >> 12) & 63];
  } else if (n - i == 2) {
    const std::uint32_t v = (std::uint32_t{s[i]} << 16) | (std::uint32_t{s[i + 1]} << 8);
    *p++ = kAlphabet[v >> 18];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = kAlphabet[(v >> 6) & 63];
  }
}

std::optional<Bytes> Decode(std::string_view text) {
  const std::size_t n = text.size();
  const std::size_t rest = n % 4;
  if (rest == 1) return std::nullopt;
  Bytes out(n / 4 * 3 + (rest == 0 ? 0 : rest - 1));
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::uint8_t* p = out.data();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const std::uint32_t a = kDecode[s[i]], b = kDecode[s[i + 1]], c = kDecode[s[i + 2]],
                        d = kDecode[s[i + 3]];
    if (((a | b | c | d) & 0x80) != 0) return std::nullopt;  // kInvalid has the top bit set
    const std::uint32_t v = (a << 18) | (b << 12) | (c << 6) | d;
    *p++ = static_cast<std::uint8_t>(v >> 16);
    *p++ = static_cast<std::uint8_t>(v >> 8);
    *p++ = static_cast<std::uint8_t>(v);
  }
  if (rest == 2) {
    const std::uint32_t a = kDecode[s[i]], b = kDecode[s[i + 1]];
    if (((a | b) & 0x80) != 0 || (b & 0x0f) != 0) return std::nullopt;  // unused bits must be 0
    *p++ = static_cast<std::uint8_t>((a << 2) | (b >> 4));
  } else if (rest == 3) {
    const std::uint32_t a = kDecode[s[i]], b = kDecode[s[i + 1]], c = kDecode[s[i + 2]];
    if (((a | b | c) & 0x80) != 0 || (c & 0x03) != 0) return std::nullopt;
    const std::uint32_t v = (a << 10) | (b << 4) | (c >> 2);
    *p++ = static_cast<std::uint8_t>(v >> 8);
    *p++ = static_cast<std::uint8_t>(v);
  }
  return out;
}

}  // namespace nmshd::crypto::public_base64url
