// The value type patterns matched as JavaScript matches the official regular expressions.
#include "content/text_patterns.h"

#include <gtest/gtest.h>

namespace nmshd::content {
namespace {

TEST(TextPatterns, EMailAddress) {
  for (const char* ok : {"anna@example.com", "a.b+c@mail.example.de", "info@müller.de", "x@a-b.c-d.de", "!#$%&'*+/=?^_`{|}~-@x.de"}) {
    EXPECT_TRUE(kEMailAddressPattern.matches(ok)) << ok;
  }
  for (const char* bad : {"anna@example", "anna @example.com", ".anna@example.com", "anna.@example.com", "anna@example.c",
                          "anna@-example.com", "anna@example-.com", "a@b@c.de", "anna@exa_mple.com", "anna@example..com"}) {
    EXPECT_FALSE(kEMailAddressPattern.matches(bad)) << bad;
  }
}

TEST(TextPatterns, PhoneNumber) {
  EXPECT_TRUE(kPhoneNumberPattern.matches("+49 30 1234567"));
  EXPECT_TRUE(kPhoneNumberPattern.matches("(030) 123-456"));
  EXPECT_TRUE(kPhoneNumberPattern.matches("0049/30/1#2*3x4[5]"));
  EXPECT_FALSE(kPhoneNumberPattern.matches("12"));
  EXPECT_FALSE(kPhoneNumberPattern.matches("+49 abc"));
  EXPECT_FALSE(kPhoneNumberPattern.matches(std::string(101, '1')));
}

TEST(TextPatterns, Url) {
  for (const char* ok : {"https://www.example.com/path/to", "example.de", "http://shop.example.com:8080/a?b=c",
                         "www.example.com", "ftp://x.y", "https://müller.de/ä"}) {
    EXPECT_TRUE(kUrlPattern.matches(ok)) << ok;
  }
  for (const char* bad : {"http://localhost", "https://example.com/index.html", "www.de", "https://example.com:/x",
                          "https://exa mple.com", "https://example.com?x", "://example.com"}) {
    EXPECT_FALSE(kUrlPattern.matches(bad)) << bad;
  }
}

TEST(TextPatterns, HexColor) {
  EXPECT_TRUE(kHexColorPattern.matches("#fA0"));
  EXPECT_TRUE(kHexColorPattern.matches("#00ff7F"));
  EXPECT_FALSE(kHexColorPattern.matches("#12345"));
  EXPECT_FALSE(kHexColorPattern.matches("00ff7F"));
  EXPECT_FALSE(kHexColorPattern.matches("#ggg"));
}

TEST(TextPatterns, SchemaUrlAndConsentLink) {
  EXPECT_TRUE(kSchemaUrlPattern.matches("https://example.com/schema.xsd"));
  EXPECT_TRUE(kSchemaUrlPattern.matches("www.example.com"));
  EXPECT_FALSE(kSchemaUrlPattern.matches("not a link"));
  EXPECT_FALSE(kSchemaUrlPattern.matches("HTTPS://Example.com/x\n"));  // JavaScript's $ is the end of the text
  EXPECT_TRUE(kConsentLinkPattern.matches("HTTPS://Example.com/AGB"));
  EXPECT_FALSE(kConsentLinkPattern.matches("not a link"));
  EXPECT_EQ(std::string(kHexColorPattern.js), "/^#([0-9A-F]{3}){1,2}$/i");
}

}  // namespace
}  // namespace nmshd::content
