#pragma once
// Conversions between UTF-8 (what Boost.JSON delivers) and the UTF-16 code units JavaScript
// strings are made of; IQL offsets, columns and character classes are defined on the latter.
#include <string>
#include <string_view>

namespace nmshd::consumption::iql {

std::u16string ToUtf16(std::string_view utf8);
std::u32string ToUtf32(std::u16string_view utf16);
// Unpaired surrogates become U+FFFD (they cannot come from valid UTF-8 input).
std::string ToUtf8(std::u16string_view utf16);
std::string ToUtf8(std::u32string_view code_points);

}  // namespace nmshd::consumption::iql
