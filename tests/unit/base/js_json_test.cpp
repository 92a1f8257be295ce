#include "base/js_json.h"

#include <gtest/gtest.h>

#include "base/coded_error.h"

namespace nmshd {
namespace {

// Expected strings are what node's JSON.stringify prints for the same values.
TEST(JsJson, NumbersFormatLikeJavaScript) {
  auto s = [](double d) { return json::Stringify(boost::json::value(d)); };
  EXPECT_EQ(s(1.0), "1");
  EXPECT_EQ(s(-0.0), "0");
  EXPECT_EQ(s(0.1), "0.1");
  EXPECT_EQ(s(1.5e-7), "1.5e-7");
  EXPECT_EQ(s(0.000001), "0.000001");
  EXPECT_EQ(s(1e21), "1e+21");
  EXPECT_EQ(s(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(s(-2.5), "-2.5");
  EXPECT_EQ(s(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(s(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(json::Stringify(boost::json::value(std::int64_t{-42})), "-42");
}

TEST(JsJson, StringsEscapeLikeJavaScript) {
  boost::json::value v(std::string("a\"b\\c/\n\t\x01\x1f\x7f\xc3\xa4"));
  EXPECT_EQ(json::Stringify(v), "\"a\\\"b\\\\c/\\n\\t\\u0001\\u001f\x7f\xc3\xa4\"");
}

TEST(JsJson, ObjectKeysKeepInsertionOrder) {
  boost::json::object o;
  o["pub"] = "x";
  o["alg"] = 3;
  o["@type"] = "CryptoSignaturePublicKey";
  o["nested"] = boost::json::array{1, nullptr, true, boost::json::object{}};
  EXPECT_EQ(json::Stringify(o),
            R"({"pub":"x","alg":3,"@type":"CryptoSignaturePublicKey","nested":[1,null,true,{}]})");
}

TEST(JsJson, ParseRoundTripsTheSameBytes) {
  std::string text = R"({"z":1,"a":[0.5,"\u00e4"],"m":{"b":false,"a":null}})";
  EXPECT_EQ(json::Stringify(json::Parse(text)), R"({"z":1,"a":[0.5,"ä"],"m":{"b":false,"a":null}})");
}

TEST(JsJson, TruncatedJsonIsACodedError) {
  try {
    json::Parse(R"({"pub":"abc",)", "signature public key");
    FAIL();
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.base.invalidJson");
    EXPECT_NE(std::string(e.what()).find("signature public key"), std::string::npos);
  }
}

TEST(JsJson, TypedAccessNamesTheField) {
  auto v = json::Parse(R"({"alg":"3","n":4.0})");
  const auto& o = json::AsObject(v, "cipher");
  EXPECT_EQ(json::RequireInt(o, "n", "cipher"), 4);
  try {
    json::RequireInt(o, "alg", "cipher");
    FAIL();
  } catch (const CodedError& e) {
    EXPECT_EQ(std::string(e.what()), "cipher.alg must be an integer");
  }
  EXPECT_THROW(json::RequireString(o, "cph", "cipher"), CodedError);
}

}  // namespace
}  // namespace nmshd
