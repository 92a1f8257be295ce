// The character whitelist of attribute values (forbiddenCharactersInAttribute).
#include "content/character_whitelist.h"

#include <gtest/gtest.h>

namespace nmshd::content {
namespace {

TEST(CharacterWhitelist, LatinLettersAndPrintableAsciiPass) {
  for (const char* ok : {"Anna", "Zoë-Müller", "Łukasiewicz", "O'Brien", "ß ẞ € ’ ‡", "line\nbreak\ttab\r", "",
                         "C\u0328\u0306ristina", "K\u035F\u0048", "ḳ\u0304"}) {
    EXPECT_TRUE(IsWhitelistedText(ok)) << ok;
  }
}

TEST(CharacterWhitelist, OtherScriptsControlCharactersAndLoneMarksFail) {
  for (const char* bad : {"漢字", "Anna 🙂", "Mül\u0007ler", "A\u0301na", "\u0304", "Ж", "a\u00AD"}) {
    EXPECT_FALSE(IsWhitelistedText(bad)) << bad;
  }
}

TEST(CharacterWhitelist, RelationshipValuesSkipTitleAndDescription) {
  const boost::json::object value{{"@type", "ProprietaryString"}, {"title", "顧客"}, {"description", "説明"}, {"value", "K-1"}};
  EXPECT_TRUE(HasOnlyWhitelistedStrings(value, true));
  EXPECT_FALSE(HasOnlyWhitelistedStrings(value, false));
  const boost::json::object number{{"@type", "ProprietaryInteger"}, {"title", "t"}, {"value", 5}};
  EXPECT_TRUE(HasOnlyWhitelistedStrings(number, false));
}

}  // namespace
}  // namespace nmshd::content
