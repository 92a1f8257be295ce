#include "connector/http/envelopes.h"

#include <gtest/gtest.h>

namespace nmshd::connector {
namespace {

std::string HeaderOf(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<absent>";
}

TEST(Envelopes, SuccessShapes) {
  auto ok = Ok(boost::json::array{1, 2});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, R"({"result":[1,2]})");
  EXPECT_EQ(HeaderOf(ok, "Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(HeaderOf(ok, "Location"), "<absent>");

  auto created = Created(boost::json::object{{"id", "TOK1"}});
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.body, R"({"result":{"id":"TOK1"}})");
  EXPECT_EQ(HeaderOf(created, "Location"), "_");

  auto none = NoContent();
  EXPECT_EQ(none.status, 204);
  EXPECT_TRUE(none.body.empty());
}

TEST(Envelopes, Downloads) {
  auto png = PngDownload(std::string("\x89PNG", 4), "TOKabc", 201);
  EXPECT_EQ(png.status, 201);
  EXPECT_EQ(png.body, std::string("\x89PNG", 4));
  EXPECT_EQ(HeaderOf(png, "Content-Type"), "image/png");
  EXPECT_EQ(HeaderOf(png, "Content-Disposition"), "attachment;filename=TOKabc.png");

  auto file = FileDownload("", "text/plain", "Bericht für März (v2).txt");
  EXPECT_EQ(file.status, 200);
  EXPECT_TRUE(file.body.empty());
  EXPECT_EQ(HeaderOf(file, "Content-Type"), "text/plain");
  EXPECT_EQ(HeaderOf(file, "Content-Disposition"),
            "attachment;filename=Bericht%20f%C3%BCr%20M%C3%A4rz%20(v2).txt");
}

TEST(Envelopes, EncodeUriComponentKeepsWhatJavaScriptKeeps) {
  EXPECT_EQ(EncodeUriComponent("AZaz09-_.!~*'()"), "AZaz09-_.!~*'()");
  EXPECT_EQ(EncodeUriComponent("a b/c?d=e&f#g;h,i"), "a%20b%2Fc%3Fd%3De%26f%23g%3Bh%2Ci");
}

}  // namespace
}  // namespace nmshd::connector
