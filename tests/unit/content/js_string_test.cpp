#include "content/js_string.h"

#include <gtest/gtest.h>

namespace nmshd::content {
namespace {

TEST(JsString, LengthCountsUtf16CodeUnits) {
  EXPECT_EQ(Utf16Length(""), 0u);
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("äöü"), 3u);   // two UTF-8 bytes each, one code unit
  EXPECT_EQ(Utf16Length("漢字"), 2u);   // three bytes each
  EXPECT_EQ(Utf16Length("🙂"), 2u);     // a surrogate pair
}

TEST(JsString, TrimRemovesJavaScriptWhitespaceOnly) {
  EXPECT_EQ(TrimJs("  Anna \t\n"), "Anna");
  EXPECT_EQ(TrimJs("\u00A0\u2003Anna\u3000\uFEFF"), "Anna");  // no-break, em and ideographic spaces, BOM
  EXPECT_EQ(TrimJs("An na"), "An na");
  EXPECT_EQ(TrimJs("\u200BAnna"), "\u200BAnna");  // zero width space is no JS whitespace
  EXPECT_EQ(TrimJs("   "), "");
  EXPECT_EQ(TrimJs("ü "), "ü");
}

TEST(JsString, DecodesCodePoints) {
  EXPECT_EQ(DecodeUtf8("Aü漢🙂"), std::u32string(U"Aü漢🙂"));
}

}  // namespace
}  // namespace nmshd::content
