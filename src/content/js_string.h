#pragma once
// JavaScript string semantics the official validation depends on: lengths are counted in UTF-16
// code units (`"😀".length === 2`), String.prototype.trim() removes the ECMAScript WhiteSpace and
// LineTerminator characters (not just ASCII blanks), and patterns without the `u` flag see code
// units. Inputs are UTF-8 as Boost.JSON delivers it (always valid UTF-8).
#include <cstddef>
#include <string>
#include <string_view>

namespace nmshd::content {

// `s.length` of the JavaScript string with this UTF-8 text.
std::size_t Utf16Length(std::string_view utf8);

// The code points of valid UTF-8 text.
std::u32string DecodeUtf8(std::string_view utf8);

// `s.trim()`.
std::string TrimJs(std::string_view utf8);

// ECMAScript WhiteSpace or LineTerminator (what trim() removes).
bool IsJsWhitespace(char32_t c);

}  // namespace nmshd::content
