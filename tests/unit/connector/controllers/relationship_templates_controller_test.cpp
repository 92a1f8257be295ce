// RelationshipTemplates routes through the whole pipeline (ConnectorApi::Handle) against the
// in-process Backbone: statuses, envelopes, QR codes, error codes, filters.
#include "connector/controllers/relationship_templates_controller.h"

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

class RelationshipTemplatesControllerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backbone_ = new TestBackbone();
    a_ = new TestIdentity(*backbone_, "tplc-a");
    b_ = new TestIdentity(*backbone_, "tplc-b");
  }
  static void TearDownTestSuite() {
    delete b_;
    delete a_;
    delete backbone_;
  }

  RelationshipTemplatesControllerTest() {
    RegisterRelationshipTemplateRoutes(api_a_, templates_a_, templates_a_.tokens());
    RegisterRelationshipTemplateRoutes(api_b_, templates_b_, templates_b_.tokens());
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

  js::object CreateTemplate(std::string_view marker) {
    const js::value body = js::object{
        {"expiresAt", InSeconds(3600)},
        {"content", js::object{{"@type", "ArbitraryRelationshipTemplateContent"}, {"value", marker}}}};
    const auto r = CallA("POST", "/api/core/v1/RelationshipTemplates/Own", &body);
    EXPECT_EQ(r.status, 201) << r.body;
    return ResultOf(r).as_object();
  }

  static TestBackbone* backbone_;
  static TestIdentity* a_;
  static TestIdentity* b_;
  transport::RelationshipTemplates templates_a_{a_->ctx()};
  transport::RelationshipTemplates templates_b_{b_->ctx()};
  ConnectorApi api_a_{OpenDebugApi()};
  ConnectorApi api_b_{OpenDebugApi()};
};

TestBackbone* RelationshipTemplatesControllerTest::backbone_ = nullptr;
TestIdentity* RelationshipTemplatesControllerTest::a_ = nullptr;
TestIdentity* RelationshipTemplatesControllerTest::b_ = nullptr;

TEST_F(RelationshipTemplatesControllerTest, CreateGetLoadAndDelete) {
  const js::value body = js::object{
      {"expiresAt", InSeconds(3600)},
      {"content", js::object{{"@type", "ArbitraryRelationshipTemplateContent"}, {"value", "hello"}}}};
  const auto created = CallA("POST", "/api/core/v1/RelationshipTemplates/Own", &body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(HeaderOf(created, "Location"), "_");
  const auto dto = ResultOf(created).as_object();
  const std::string id(dto.at("id").as_string());
  EXPECT_EQ(dto.at("isOwn"), true);

  const auto got = CallA("GET", "/api/core/v1/RelationshipTemplates/" + id);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(ResultOf(got), js::value(dto));

  const js::value load = js::object{{"reference", dto.at("reference").at("truncated")}};
  const auto loaded = CallB("POST", "/api/core/v1/RelationshipTemplates/Peer", &load);
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  EXPECT_EQ(ResultOf(loaded).at("id"), dto.at("id"));
  EXPECT_EQ(ResultOf(loaded).at("isOwn"), false);

  const auto deleted = CallA("DELETE", "/api/core/v1/RelationshipTemplates/" + id);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
  const auto gone = CallA("GET", "/api/core/v1/RelationshipTemplates/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(ErrorOf(gone).at("code"), "error.runtime.recordNotFound");
  EXPECT_EQ(ErrorOf(gone).at("message"),
            "RelationshipTemplate not found. Make sure the ID exists and the record is not expired.");
}

TEST_F(RelationshipTemplatesControllerTest, QrCodes) {
  const auto dto = CreateTemplate("qr");
  const std::string id(dto.at("id").as_string());

  const auto png = CallA("GET", "/api/core/v1/RelationshipTemplates/" + id, nullptr, "image/png");
  ASSERT_EQ(png.status, 200) << png.body;
  EXPECT_EQ(HeaderOf(png, "Content-Type"), "image/png");
  EXPECT_EQ(HeaderOf(png, "Content-Disposition"), "attachment;filename=" + id + ".png");
  EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));

  const auto tokens_before = a_->db().Count(transport::Tokens::kCollection);
  const js::value body = js::object{{"ephemeral", false}};
  const auto token_png =
      CallA("POST", "/api/core/v1/RelationshipTemplates/Own/" + id + "/Token", &body, "image/png");
  ASSERT_EQ(token_png.status, 201) << token_png.body;
  EXPECT_EQ(HeaderOf(token_png, "Content-Type"), "image/png");
  EXPECT_TRUE(HeaderOf(token_png, "Content-Disposition").starts_with("attachment;filename=TOK"));
  EXPECT_EQ(token_png.body.substr(0, 4), "\x89PNG");
  // The QR variant forces an ephemeral token, whatever the body says.
  EXPECT_EQ(a_->db().Count(transport::Tokens::kCollection), tokens_before);

  const js::value empty = js::object{};
  const auto token = CallA("POST", "/api/core/v1/RelationshipTemplates/Own/" + id + "/Token", &empty);
  ASSERT_EQ(token.status, 201) << token.body;
  EXPECT_EQ(HeaderOf(token, "Location"), "_");
  EXPECT_EQ(ResultOf(token).at("isEphemeral"), true);
  EXPECT_EQ(ResultOf(token).at("content").at("templateId"), id.c_str());
}

TEST_F(RelationshipTemplatesControllerTest, ListsAndFilters) {
  const auto own = CreateTemplate("list");
  const js::value load = js::object{{"reference", own.at("reference").at("url")}};
  ASSERT_EQ(CallB("POST", "/api/core/v1/RelationshipTemplates/Peer", &load).status, 201);

  auto ids = [&](const http::Response& r) {
    std::vector<std::string> out;
    const auto result = ResultOf(r);  // kept alive: the loop must not range over a temporary's array
    for (const auto& t : result.as_array()) out.emplace_back(t.at("id").as_string());
    return out;
  };
  const std::string id(own.at("id").as_string());
  auto contains = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), id) != v.end(); };

  const auto all = CallB("GET", "/api/core/v1/RelationshipTemplates");
  EXPECT_EQ(all.status, 200);
  EXPECT_TRUE(contains(ids(all)));
  EXPECT_TRUE(contains(ids(CallB("GET", "/api/core/v1/RelationshipTemplates/Peer"))));
  EXPECT_FALSE(contains(ids(CallB("GET", "/api/core/v1/RelationshipTemplates/Own"))));
  EXPECT_TRUE(contains(ids(CallB("GET", "/api/core/v1/RelationshipTemplates?isOwn=false"))));
  EXPECT_FALSE(contains(ids(CallB("GET", "/api/core/v1/RelationshipTemplates?isOwn=true"))));
  EXPECT_TRUE(contains(ids(CallB("GET", "/api/core/v1/RelationshipTemplates?createdBy=" + a_->address()))));
  EXPECT_TRUE(contains(ids(CallB("GET", "/api/core/v1/RelationshipTemplates?expiresAt=%3E" + InSeconds(60)))));
  EXPECT_FALSE(contains(ids(CallB("GET", "/api/core/v1/RelationshipTemplates?expiresAt=%3C" + InSeconds(60)))));

  const auto bad = CallB("GET", "/api/core/v1/RelationshipTemplates?foo=bar");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorOf(bad).at("message"), "query must NOT have additional properties");
}

TEST_F(RelationshipTemplatesControllerTest, ErrorStatuses) {
  const js::value zero = js::object{{"expiresAt", InSeconds(60)},
                                    {"content", js::object{{"@type", "ArbitraryRelationshipTemplateContent"}, {"value", 1}}},
                                    {"maxNumberOfAllocations", 0}};
  const auto r = CallA("POST", "/api/core/v1/RelationshipTemplates/Own", &zero);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorOf(r).at("code"), "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(ErrorOf(r).at("message"), "maxNumberOfAllocations must be >= 1");

  const js::value bad_reference = js::object{{"reference", "nonsense"}};
  const auto bad_load = CallB("POST", "/api/core/v1/RelationshipTemplates/Peer", &bad_reference);
  EXPECT_EQ(bad_load.status, 400);
  EXPECT_EQ(ErrorOf(bad_load).at("message"), "token / relationship template reference invalid");

  EXPECT_EQ(CallA("GET", "/api/core/v1/RelationshipTemplates/RLTAAAAAAAAAAAAAAAAA").status, 404);
  EXPECT_EQ(CallA("DELETE", "/api/core/v1/RelationshipTemplates/RLTAAAAAAAAAAAAAAAAA").status, 404);
  EXPECT_EQ(CallA("GET", "/api/core/v1/RelationshipTemplates/abc").status, 400);
  const js::value empty = js::object{};
  EXPECT_EQ(CallA("POST", "/api/core/v1/RelationshipTemplates/Own/RLTAAAAAAAAAAAAAAAAA/Token", &empty).status, 404);
  // The JSON variant of a route offering PNG refuses other media types.
  EXPECT_EQ(CallA("GET", "/api/core/v1/RelationshipTemplates/RLTAAAAAAAAAAAAAAAAA", nullptr, "text/html").status, 406);
}

}  // namespace
}  // namespace nmshd::connector
