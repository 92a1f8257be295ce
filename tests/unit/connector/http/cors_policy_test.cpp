#include "connector/http/cors_policy.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace nmshd::connector {
namespace {

std::optional<CorsPolicy> Policy(const std::string& json) {
  auto v = boost::json::parse(json);
  return CorsPolicy::FromConfig(&v);
}

std::string HeaderOf(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<absent>";
}

TEST(CorsPolicy, OffByDefault) {
  EXPECT_FALSE(CorsPolicy::FromConfig(nullptr));
  EXPECT_FALSE(Policy(R"({"origin": false})"));
  EXPECT_FALSE(Policy(R"({"origin": false, "credentials": true})"));
}

TEST(CorsPolicy, EmptyOptionsAllowAnyOrigin) {
  auto p = Policy("{}");
  ASSERT_TRUE(p);
  auto request = testing::MakeRequest("GET", "/x");
  request.headers["Origin"] = "https://app.example";
  http::Response r;
  p->Apply(request, r);
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(HeaderOf(r, "Vary"), "<absent>");
}

TEST(CorsPolicy, ListedOriginsAreReflected) {
  auto p = Policy(R"({"origin": ["https://a.example", "https://b.example"], "credentials": true, "exposedHeaders": ["X-Response-Time"]})");
  ASSERT_TRUE(p);
  auto request = testing::MakeRequest("GET", "/x");
  request.headers["Origin"] = "https://b.example";
  http::Response r;
  r.SetHeader("Vary", "Accept");
  p->Apply(request, r);
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Origin"), "https://b.example");
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(HeaderOf(r, "Access-Control-Expose-Headers"), "X-Response-Time");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Accept, Origin");

  request.headers["Origin"] = "https://evil.example";
  http::Response denied;
  p->Apply(request, denied);
  EXPECT_EQ(HeaderOf(denied, "Access-Control-Allow-Origin"), "<absent>");
  EXPECT_EQ(HeaderOf(denied, "Vary"), "Origin");
}

TEST(CorsPolicy, PreflightIsAnsweredWithTheConfiguredHeaders) {
  auto p = Policy(R"({"origin": "https://app.example", "methods": ["GET", "POST"], "maxAge": 600})");
  ASSERT_TRUE(p);
  auto request = testing::MakeRequest("OPTIONS", "/api/core/v1/Files");
  request.headers["Origin"] = "https://app.example";
  request.headers["Access-Control-Request-Headers"] = "x-api-key,content-type";
  ASSERT_TRUE(p->AnswersPreflight(request));
  auto r = p->Answer(request);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Methods"), "GET,POST");
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Headers"), "x-api-key,content-type");
  EXPECT_EQ(HeaderOf(r, "Access-Control-Max-Age"), "600");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Origin, Access-Control-Request-Headers");
  EXPECT_FALSE(Policy(R"({"origin": true, "preflightContinue": true})")->AnswersPreflight(request));
}

TEST(CorsPolicy, AppendVaryDoesNotRepeatAField) {
  http::Response r;
  AppendVary(r, "Accept");
  AppendVary(r, "accept");
  AppendVary(r, "Origin");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Accept, Origin");
}

}  // namespace
}  // namespace nmshd::connector
