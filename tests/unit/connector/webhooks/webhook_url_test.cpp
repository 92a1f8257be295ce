#include "connector/webhooks/webhook_url.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace nmshd::connector {
namespace {

TEST(WebhookUrl, ValidityAgreesWithWhatwgUrl) {
  // Expected values: `new URL(u)` in Node 20 succeeds and protocol is http: or https:.
  const std::vector<std::pair<const char*, bool>> table = {
      {"http://a.domain.com/path/", true},
      {"https://host/hook/{{trigger}}", true},
      {"http://{{trigger}}.example.com/x", true},
      {"this.is.an.invalid.url", false},
      {"ftp://host/x", false},
      {"HTTP://Host:8080/x", true},
      {"http://", false},
      {"http:///x", true},
      {"http:host/x", true},
      {"http://a b/", false},
      {"http://host:65536/", false},
      {"http://host:65535/", true},
      {"http://1.2.3.999/", false},
      {"http://1.2.3.4/", true},
      {"http://[::1]:8080/x", true},
      {"http://[::1/", false},
      {"http://user:pw@host/x", true},
      {"http://host/a b", true},
      {"  http://host/  ", true},
      {"http://ho%20st/", false},
      {"mailto:x@y", false},
      {"http://host:abc/", false},
      {"javascript:alert(1)", false},
      {"http://host?q={{trigger}}", true},
      {"https://localhost", true},
      {"http://999/", true},
      {"http://host:/x", true},
      {"http://a^b/", false},
      {"http://\\\\host\\x", true},
      {"file:///etc/passwd", false},
      {"http://@/x", false},
      {"https://x.y.z:0/", true},
      {"", false},
  };
  for (const auto& [url, valid] : table) EXPECT_EQ(IsValidHttpUrl(url), valid) << "'" << url << "'";
}

TEST(WebhookUrl, FillReplacesTheFirstPlaceholderOnly) {
  EXPECT_EQ(FillTrigger("http://a.domain.com/path/{{trigger}}", "trigger-value"),
            "http://a.domain.com/path/trigger-value");
  EXPECT_EQ(FillTrigger("http://h/{{trigger}}/{{trigger}}", "transport.messageSent"),
            "http://h/transport.messageSent/{{trigger}}");
  EXPECT_EQ(FillTrigger("http://h/static", "x"), "http://h/static");
}

}  // namespace
}  // namespace nmshd::connector
