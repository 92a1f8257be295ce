#include "content/js_string.h"

#include <algorithm>

namespace nmshd::content {
namespace {

// Length of the UTF-8 sequence starting with lead byte `b` (1 for anything unexpected, so a
// malformed byte never stalls the loops below).
std::size_t SequenceLength(unsigned char b) {
  if (b >= 0xF0) return 4;
  if (b >= 0xE0) return 3;
  if (b >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::size_t Utf16Length(std::string_view utf8) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto n = SequenceLength(static_cast<unsigned char>(utf8[i]));
    units += n == 4 ? 2 : 1;  // code points beyond the BMP are a surrogate pair in UTF-16
    i += n;
  }
  return units;
}

std::u32string DecodeUtf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const auto n = std::min(SequenceLength(b), utf8.size() - i);
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out.push_back(c);
    i += n;
  }
  return out;
}

bool IsJsWhitespace(char32_t c) {
  switch (c) {
    case 0x0009: case 0x000A: case 0x000B: case 0x000C: case 0x000D: case 0x0020: case 0x00A0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

std::string TrimJs(std::string_view utf8) {
  // Work on byte offsets of whole code points so the kept text is copied unchanged.
  std::size_t begin = 0;
  std::size_t end = utf8.size();
  auto code_point_at = [&](std::size_t i, std::size_t& n) {
    n = std::min(SequenceLength(static_cast<unsigned char>(utf8[i])), utf8.size() - i);
    return DecodeUtf8(utf8.substr(i, n)).front();
  };
  while (begin < end) {
    std::size_t n = 0;
    if (!IsJsWhitespace(code_point_at(begin, n))) break;
    begin += n;
  }
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(utf8[start]) & 0xC0) == 0x80) --start;
    std::size_t n = 0;
    if (!IsJsWhitespace(code_point_at(start, n))) break;
    end = start;
  }
  return std::string(utf8.substr(begin, end - begin));
}

}  // namespace nmshd::content
