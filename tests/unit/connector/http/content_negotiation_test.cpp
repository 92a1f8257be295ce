#include "connector/http/content_negotiation.h"

#include <gtest/gtest.h>

namespace nmshd::connector {
namespace {

const std::vector<std::string> kJsonOrPng{"application/json", "image/png"};

std::string Pick(std::optional<std::string> accept, const std::vector<std::string>& offered = kJsonOrPng) {
  return NegotiateMediaType(accept, offered).value_or("<406>");
}

TEST(ContentNegotiation, LikeExpressAccepts) {
  EXPECT_EQ(Pick(std::nullopt), "application/json");
  EXPECT_EQ(Pick(""), "application/json");
  EXPECT_EQ(Pick("*/*"), "application/json");
  EXPECT_EQ(Pick("image/png"), "image/png");
  EXPECT_EQ(Pick("image/*"), "image/png");
  EXPECT_EQ(Pick("application/json"), "application/json");
  EXPECT_EQ(Pick("image/png, application/json"), "image/png");
  EXPECT_EQ(Pick("application/json, image/png"), "application/json");
  EXPECT_EQ(Pick("image/png;q=0.5, application/json"), "application/json");
  EXPECT_EQ(Pick("image/*, application/json"), "application/json");  // exact match beats a wildcard
  EXPECT_EQ(Pick("image/png;q=0, */*"), "application/json");
  EXPECT_EQ(Pick("text/html"), "<406>");
  EXPECT_EQ(Pick("image/png", {"application/json"}), "<406>");
  EXPECT_EQ(Pick("APPLICATION/JSON"), "application/json");
  EXPECT_EQ(Pick("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), "application/json");
  EXPECT_EQ(Pick("garbage"), "<406>");
}

}  // namespace
}  // namespace nmshd::connector
