#include "base/ascii_case.h"

#include <gtest/gtest.h>

namespace nmshd {
namespace {

TEST(AsciiCase, FoldsOnlyAsciiLetters) {
  EXPECT_EQ(FoldAsciiCase("Api/V2/Files-{ID}_9"), "api/v2/files-{id}_9");
  // UTF-8 bytes are left alone: "Ä" (C3 84) does not become "ä" (C3 A4), and no byte is changed.
  EXPECT_EQ(FoldAsciiCase("\xC3\x84Z"), "\xC3\x84z");
  EXPECT_EQ(FoldAsciiCase('@'), '@');  // the byte before 'A'
  EXPECT_EQ(FoldAsciiCase('['), '[');  // the byte after 'Z'
}

TEST(AsciiCase, EqualityIgnoresAsciiCaseOnly) {
  EXPECT_TRUE(EqualsIgnoringAsciiCase("Content-Type", "content-TYPE"));
  EXPECT_TRUE(EqualsIgnoringAsciiCase("", ""));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("Content-Type", "Content-Typ"));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("Content-Typ", "Content-Type"));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("\xC3\x84", "\xC3\xA4"));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("@", "`"));  // 0x40 and 0x60 differ by the case bit but are no letters
}

}  // namespace
}  // namespace nmshd
