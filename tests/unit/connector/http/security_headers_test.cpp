#include "connector/http/security_headers.h"

#include <gtest/gtest.h>

#include <map>

#include "test_support.h"

namespace nmshd::connector {
namespace {

using testing::MessageOf;

std::map<std::string, std::string> HeadersOf(const SecurityHeaders& s) {
  return {s.headers().begin(), s.headers().end()};
}

SecurityHeaders FromJson(const std::string& json, std::vector<std::string>* warnings_out = nullptr) {
  std::vector<std::string> warnings;
  auto v = boost::json::parse(json);
  auto s = SecurityHeaders::FromConfig(&v, false, warnings);
  if (warnings_out) *warnings_out = warnings;
  return s;
}

TEST(SecurityHeaders, ProductionDefaultsAreHelmets) {
  std::vector<std::string> warnings;
  auto s = SecurityHeaders::FromConfig(nullptr, false, warnings);
  std::map<std::string, std::string> expected = {
      {"Content-Security-Policy",
       "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors "
       "'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' "
       "https: 'unsafe-inline';upgrade-insecure-requests"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Origin-Agent-Cluster", "?1"},
      {"Referrer-Policy", "no-referrer"},
      {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-DNS-Prefetch-Control", "off"},
      {"X-Download-Options", "noopen"},
      {"X-Frame-Options", "SAMEORIGIN"},
      {"X-Permitted-Cross-Domain-Policies", "none"},
      {"X-XSS-Protection", "0"},
  };
  EXPECT_EQ(HeadersOf(s), expected);
  EXPECT_TRUE(warnings.empty());
}

TEST(SecurityHeaders, DebugModeRelaxesTheContentSecurityPolicyForTheDocs) {
  std::vector<std::string> warnings;
  auto s = SecurityHeaders::FromConfig(nullptr, true, warnings);
  EXPECT_EQ(HeadersOf(s).at("Content-Security-Policy"),
            "default-src;base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';"
            "img-src 'self' https://enmeshed.eu data:;object-src 'none';script-src 'self';script-src-attr 'none';"
            "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com;connect-src 'self'");
  EXPECT_EQ(HeadersOf(s).at("X-Frame-Options"), "SAMEORIGIN");
}

TEST(SecurityHeaders, HelmetOptionsReplaceTheDefaults) {
  auto s = FromJson(R"({
    "contentSecurityPolicy": {"useDefaults": false, "directives": {"defaultSrc": ["'none'"], "frameAncestors": "'none'"}},
    "crossOriginEmbedderPolicy": true,
    "referrerPolicy": {"policy": ["no-referrer", "strict-origin-when-cross-origin"]},
    "hsts": {"maxAge": 123.9, "includeSubDomains": false, "preload": true},
    "frameguard": {"action": "deny"},
    "xDnsPrefetchControl": {"allow": true},
    "xXssProtection": false,
    "originAgentCluster": false
  })");
  auto h = HeadersOf(s);
  EXPECT_EQ(h.at("Content-Security-Policy"), "default-src 'none';frame-ancestors 'none'");
  EXPECT_EQ(h.at("Cross-Origin-Embedder-Policy"), "require-corp");
  EXPECT_EQ(h.at("Referrer-Policy"), "no-referrer,strict-origin-when-cross-origin");
  EXPECT_EQ(h.at("Strict-Transport-Security"), "max-age=123; preload");
  EXPECT_EQ(h.at("X-Frame-Options"), "DENY");
  EXPECT_EQ(h.at("X-DNS-Prefetch-Control"), "on");
  EXPECT_FALSE(h.contains("X-XSS-Protection"));
  EXPECT_FALSE(h.contains("Origin-Agent-Cluster"));
  EXPECT_EQ(h.at("X-Content-Type-Options"), "nosniff");
}

TEST(SecurityHeaders, ContentSecurityPolicyOffAndReportOnly) {
  EXPECT_FALSE(HeadersOf(FromJson(R"({"contentSecurityPolicy": false})")).contains("Content-Security-Policy"));
  auto h = HeadersOf(FromJson(R"({"contentSecurityPolicy": {"reportOnly": true, "directives": {"reportUri": "/csp"}}})"));
  EXPECT_FALSE(h.contains("Content-Security-Policy"));
  EXPECT_TRUE(h.at("Content-Security-Policy-Report-Only").ends_with(";upgrade-insecure-requests;report-uri /csp"));
}

TEST(SecurityHeaders, InvalidHelmetOptionsFailAtStartup) {
  EXPECT_NE(MessageOf([] { FromJson(R"({"hsts": {}, "strictTransportSecurity": {}})"); }).find("specified twice"),
            std::string::npos);
  EXPECT_NE(MessageOf([] { FromJson(R"({"contentSecurityPolicy": {"directives": {"scriptSrc": ["self"]}}})"); })
                .find("should be quoted"),
            std::string::npos);
  EXPECT_NE(MessageOf([] { FromJson(R"({"contentSecurityPolicy": {"directives": {"defaultSrc": null}}})"); })
                .find("needs a default-src"),
            std::string::npos);
  EXPECT_NE(MessageOf([] { FromJson(R"({"frameguard": {"action": "allow-from"}})"); }).find("invalid action"),
            std::string::npos);
  EXPECT_NE(MessageOf([] { FromJson(R"({"referrerPolicy": {"policy": "nope"}})"); }).find("unexpected policy token"),
            std::string::npos);
}

TEST(SecurityHeaders, UnknownOptionsAreWarnings) {
  std::vector<std::string> warnings;
  FromJson(R"({"noCache": true})", &warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("noCache"), std::string::npos);
}

}  // namespace
}  // namespace nmshd::connector
