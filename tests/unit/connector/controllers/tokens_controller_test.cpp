// Tokens routes through the whole pipeline (ConnectorApi::Handle) against the in-process Backbone.
#include "connector/controllers/tokens_controller.h"

#include <gtest/gtest.h>
#include <strings.h>

#include <chrono>

#include "controller_test_support.h"
#include "base/iso_date.h"
#include "storage/filter_syntax.h"
#include "transport/support/transport_harness.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;
using namespace nmshd::connector::controller_test;
using transport::testing::TestBackbone;
using transport::testing::TestIdentity;

class TokensControllerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backbone_ = new TestBackbone();
    a_ = new TestIdentity(*backbone_, "tokc-a");
    b_ = new TestIdentity(*backbone_, "tokc-b");
  }
  static void TearDownTestSuite() {
    delete b_;
    delete a_;
    delete backbone_;
  }

  TokensControllerTest() {
    RegisterTokenRoutes(api_a_, tokens_a_);
    RegisterTokenRoutes(api_b_, tokens_b_);
  }

  http::Response CallA(const std::string& method, const std::string& target, const js::value* body = nullptr,
                       const std::string& accept = "") {
    auto r = MakeRequest(method, target, body, accept);
    return api_a_.Handle(r);
  }
  http::Response CallB(const std::string& method, const std::string& target, const js::value* body = nullptr) {
    auto r = MakeRequest(method, target, body);
    return api_b_.Handle(r);
  }

  static TestBackbone* backbone_;
  static TestIdentity* a_;
  static TestIdentity* b_;
  transport::Tokens tokens_a_{a_->ctx()};
  transport::Tokens tokens_b_{b_->ctx()};
  ConnectorApi api_a_{OpenDebugApi()};
  ConnectorApi api_b_{OpenDebugApi()};
};

TestBackbone* TokensControllerTest::backbone_ = nullptr;
TestIdentity* TokensControllerTest::a_ = nullptr;
TestIdentity* TokensControllerTest::b_ = nullptr;

TEST_F(TokensControllerTest, CreateLoadListGetDelete) {
  // No `ephemeral` in the body: the controller's default false keeps the token.
  const js::value body = js::object{{"content", js::object{{"hello", "world"}}}, {"expiresAt", InSeconds(3600)}};
  const auto created = CallA("POST", "/api/core/v1/Tokens/Own", &body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(HeaderOf(created, "Location"), "_");
  const auto dto = ResultOf(created).as_object();
  EXPECT_EQ(dto.at("isEphemeral"), false);
  const std::string id(dto.at("id").as_string());

  const auto got = CallA("GET", "/api/core/v1/Tokens/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(ResultOf(got), js::value(dto));

  const js::value load = js::object{{"reference", dto.at("reference").at("url")}};
  const auto loaded = CallB("POST", "/api/core/v1/Tokens/Peer", &load);
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  EXPECT_EQ(ResultOf(loaded).at("content"), dto.at("content"));
  EXPECT_EQ(ResultOf(loaded).at("isEphemeral"), false);

  auto ids = [](const http::Response& r) {
    std::vector<std::string> out;
    const auto result = ResultOf(r);  // kept alive: the loop must not range over a temporary's array
    for (const auto& t : result.as_array()) out.emplace_back(t.at("id").as_string());
    return out;
  };
  EXPECT_EQ(ids(CallB("GET", "/api/core/v1/Tokens/Peer")), std::vector<std::string>{id});
  EXPECT_TRUE(ids(CallB("GET", "/api/core/v1/Tokens/Own")).empty());
  EXPECT_EQ(ids(CallB("GET", "/api/core/v1/Tokens/Peer?createdBy=" + a_->address())), std::vector<std::string>{id});
  EXPECT_TRUE(ids(CallB("GET", "/api/core/v1/Tokens/Peer?expiresAt=%3C" + InSeconds(60))).empty());

  EXPECT_EQ(CallB("DELETE", "/api/core/v1/Tokens/" + id).status, 204);
  const auto deleted = CallA("DELETE", "/api/core/v1/Tokens/" + id);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
  const auto gone = CallA("GET", "/api/core/v1/Tokens/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(ErrorOf(gone).at("message"), "Token not found. Make sure the ID exists and the record is not expired.");
}

TEST_F(TokensControllerTest, QrCode) {
  const js::value body = js::object{{"content", js::object{{"qr", true}}}, {"expiresAt", InSeconds(3600)}};
  const auto created = CallA("POST", "/api/core/v1/Tokens/Own", &body);
  ASSERT_EQ(created.status, 201);
  const std::string id(ResultOf(created).at("id").as_string());
  const auto png = CallA("GET", "/api/core/v1/Tokens/" + id, nullptr, "image/png");
  ASSERT_EQ(png.status, 200) << png.body;
  EXPECT_EQ(HeaderOf(png, "Content-Type"), "image/png");
  EXPECT_EQ(HeaderOf(png, "Content-Disposition"), "attachment;filename=" + id + ".png");
  EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST_F(TokensControllerTest, EphemeralTokens) {
  const js::value body =
      js::object{{"content", js::object{{"e", 1}}}, {"expiresAt", InSeconds(3600)}, {"ephemeral", true}};
  const auto created = CallA("POST", "/api/core/v1/Tokens/Own", &body);
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(ResultOf(created).at("isEphemeral"), true);
  EXPECT_EQ(CallA("GET", "/api/core/v1/Tokens/" + std::string(ResultOf(created).at("id").as_string())).status, 404);
}

TEST_F(TokensControllerTest, ErrorStatuses) {
  const js::value missing = js::object{{"expiresAt", InSeconds(60)}};
  const auto r = CallA("POST", "/api/core/v1/Tokens/Own", &missing);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorOf(r).at("code"), "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(ErrorOf(r).at("message"), "must have required property 'content'");

  const js::value bad = js::object{{"reference", "nonsense"}};
  const auto load = CallB("POST", "/api/core/v1/Tokens/Peer", &bad);
  EXPECT_EQ(load.status, 400);
  EXPECT_EQ(ErrorOf(load).at("message"), "token reference invalid");

  EXPECT_EQ(CallA("GET", "/api/core/v1/Tokens/TOKAAAAAAAAAAAAAAAAA").status, 404);
  EXPECT_EQ(CallA("DELETE", "/api/core/v1/Tokens/TOKAAAAAAAAAAAAAAAAA").status, 404);
  const auto bad_id = CallA("GET", "/api/core/v1/Tokens/nope");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(ErrorOf(bad_id).at("message"), "id must match pattern TOK[A-Za-z0-9]{17}");
  EXPECT_EQ(CallA("GET", "/api/core/v1/Tokens/Own?passwordProtection=yes").status, 400);
}

}  // namespace
}  // namespace nmshd::connector
