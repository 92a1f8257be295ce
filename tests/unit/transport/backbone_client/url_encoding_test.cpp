#include "transport/backbone/url_encoding.h"

#include <gtest/gtest.h>

namespace nmshd::transport {
namespace {

TEST(UrlEncoding, EncodesEverythingButUnreserved) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b+c/d?e&f=g#h%"), "a%20b%2Bc%2Fd%3Fe%26f%3Dg%23h%25");
  EXPECT_EQ(PercentEncode("é"), "%C3%A9");
  EXPECT_EQ(PercentEncode(std::string("\0\n", 2)), "%00%0A");
}

TEST(UrlEncoding, QueryKeepsOrderAndRepeatedKeys) {
  EXPECT_EQ(EncodeQuery({}), "");
  EXPECT_EQ(EncodeQuery({{"ids", "a"}, {"ids", "b"}, {"templates.0.id", "RLT 1"}}),
            "ids=a&ids=b&templates.0.id=RLT%201");
}

TEST(UrlEncoding, WithParamReplacesAllEntriesOfTheKey) {
  const auto params = WithParam({{"pageNumber", "1"}, {"x", "y"}, {"pageNumber", "9"}}, "pageNumber", "2");
  EXPECT_EQ(EncodeQuery(params), "x=y&pageNumber=2");
}

}  // namespace
}  // namespace nmshd::transport
