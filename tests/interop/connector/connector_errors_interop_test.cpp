// The connector executable's answers to bad input (issue #4 "Bad input"): the official error codes
// and statuses, and nothing written.
#include <gtest/gtest.h>
#include <httplib.h>

#include "base/js_json.h"
#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace js = boost::json;

struct Answer {
  int status = 0;
  js::value json;
  std::string body;
  std::string Code() const {
    if (!json.is_object() || !json.as_object().contains("error")) return "<no error: " + body + ">";
    return std::string(json.at("error").at("code").as_string());
  }
};

class ConnectorErrors : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backbone_ = new backbone::testing::BackboneProcess();
    backbone_->Start();
    auto options = ConnectorOptionsFor(*backbone_);
    // A second key limited to one area, and an expired and a disabled one.
    options.extra_config = js::parse(R"({"infrastructure":{"httpServer":{"authentication":{"apiKey":{"keys":{
        "scoped":{"key":"Scoped_APIKEY_with_30_characters+1","scopes":["core:relationships"]},
        "expired":{"key":"Expired_APIKEY_with_30_characters+2","expiresAt":"2020-01-01T00:00:00.000Z"},
        "disabled":{"key":"Disabled_APIKEY_with_30_characters+3","enabled":false}}}}}}})")
                               .as_object();
    connector_ = new ConnectorProcess(options);
    connector_->Start();
  }
  static void TearDownTestSuite() {
    delete connector_;
    delete backbone_;
  }

  static Answer Call(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::string& key = kApiKey, const std::string& content_type = "application/json") {
    httplib::Client client("127.0.0.1", connector_->port());
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    if (!key.empty()) headers.emplace("X-API-KEY", key);
    httplib::Result r = method == "GET"      ? client.Get(path, headers)
                        : method == "POST"   ? client.Post(path, headers, body, content_type)
                        : method == "PUT"    ? client.Put(path, headers, body, content_type)
                        : method == "PATCH"  ? client.Patch(path, headers, body, content_type)
                                             : client.Delete(path, headers);
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.body = r->body;
    boost::system::error_code ec;
    a.json = js::parse(r->body, ec);
    return a;
  }

  static std::size_t CountOf(const std::string& path) {
    const auto a = Call("GET", path);
    return a.json.at("result").as_array().size();
  }

  static backbone::testing::BackboneProcess* backbone_;
  static ConnectorProcess* connector_;
};

backbone::testing::BackboneProcess* ConnectorErrors::backbone_ = nullptr;
ConnectorProcess* ConnectorErrors::connector_ = nullptr;

TEST_F(ConnectorErrors, WrongExpiredOrDisabledKeysAre401AfterADelay) {
  for (const std::string key : {"wrong", "Expired_APIKEY_with_30_characters+2", "Disabled_APIKEY_with_30_characters+3", ""}) {
    const auto started = std::chrono::steady_clock::now();
    const auto a = Call("GET", "/api/core/v1/Account/IdentityInfo", "", key);
    const auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(a.status, 401) << key;
    EXPECT_EQ(a.Code(), "error.connector.unauthorized") << key;
    EXPECT_GE(waited, std::chrono::milliseconds(900)) << key;
  }
}

TEST_F(ConnectorErrors, AMissingScopeIs403AndTheScopedKeyWorksWhereAllowed) {
  const std::string scoped = "Scoped_APIKEY_with_30_characters+1";
  EXPECT_EQ(Call("GET", "/api/core/v1/Files", "", scoped).status, 403);
  EXPECT_EQ(Call("GET", "/api/core/v1/Files", "", scoped).Code(), "error.connector.forbidden");
  EXPECT_EQ(Call("GET", "/api/core/v1/Relationships", "", scoped).status, 200);
}

TEST_F(ConnectorErrors, UnknownRoutesAndMethods) {
  const auto unknown = Call("GET", "/api/core/v1/NoSuchThing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.Code(), "error.connector.http.routeDoesNotExist");
  const auto method = Call("PATCH", "/api/core/v1/Files");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.Code(), "error.connector.http.methodNotAllowed");
}

TEST_F(ConnectorErrors, MalformedJsonAndWrongTypesWriteNothing) {
  const auto before = CountOf("/api/core/v1/RelationshipTemplates");
  const auto malformed = Call("POST", "/api/core/v1/RelationshipTemplates/Own", R"({"expiresAt": )");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.Code(), "error.connector.validation.invalidJsonInPayload");
  const auto wrong_type = Call("POST", "/api/core/v1/RelationshipTemplates/Own",
                               R"({"expiresAt": 5, "content": {"@type":"ArbitraryRelationshipTemplateContent","value":{}}})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.Code(), "error.runtime.validation.invalidPropertyValue");
  const auto past = Call("POST", "/api/core/v1/RelationshipTemplates/Own",
                         R"({"expiresAt": "2020-01-01T00:00:00.000Z", "content": {"@type":"ArbitraryRelationshipTemplateContent","value":{}}})");
  EXPECT_EQ(past.status, 400);
  EXPECT_EQ(CountOf("/api/core/v1/RelationshipTemplates"), before);
}

TEST_F(ConnectorErrors, UnknownIdsAre404) {
  for (const char* path : {"/api/core/v1/Relationships/RELaaaaaaaaaaaaaaaaa", "/api/core/v1/Messages/MSGaaaaaaaaaaaaaaaaa",
                           "/api/core/v1/Files/FILaaaaaaaaaaaaaaaaa", "/api/core/v1/Tokens/TOKaaaaaaaaaaaaaaaaa",
                           "/api/core/v1/RelationshipTemplates/RLTaaaaaaaaaaaaaaaaa"}) {
    const auto a = Call("GET", path);
    EXPECT_EQ(a.status, 404) << path << " " << a.body;
    EXPECT_EQ(a.Code(), "error.runtime.recordNotFound") << path;
  }
}

TEST_F(ConnectorErrors, OversizeBodiesAreRefused) {
  const std::string big(2 * 1024 * 1024 + 10, 'x');
  const auto json = Call("POST", "/api/core/v1/Tokens/Own", "{\"content\":\"" + big + "\"}");
  EXPECT_EQ(json.status, 413);
  const auto before = CountOf("/api/core/v1/Files");
  // 10 MiB + 1 of file content in a multipart upload.
  const std::string boundary = "XBOUNDARYX";
  std::string multipart = "--" + boundary +
                          "\r\nContent-Disposition: form-data; name=\"expiresAt\"\r\n\r\n2099-01-01T00:00:00.000Z\r\n--" +
                          boundary +
                          "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\nContent-Type: "
                          "application/octet-stream\r\n\r\n" +
                          std::string(10 * 1024 * 1024 + 1, 'a') + "\r\n--" + boundary + "--\r\n";
  const auto upload = Call("POST", "/api/core/v1/Files/Own", multipart, kApiKey,
                           "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(upload.status, 400) << upload.body;
  EXPECT_EQ(upload.Code(), "error.runtime.validation.invalidPropertyValue");
  EXPECT_EQ(CountOf("/api/core/v1/Files"), before);
}

TEST_F(ConnectorErrors, AReferenceOfAnotherBackboneIsRefused) {
  // A template of a second backbone: the reference names that backbone's base URL.
  backbone::testing::BackboneProcess other;
  other.Start();
  auto options = ConnectorOptionsFor(other);
  ConnectorProcess foreign(options);
  foreign.Start();
  httplib::Client client("127.0.0.1", foreign.port());
  httplib::Headers headers{{"X-API-KEY", kApiKey}};
  auto created = client.Post("/api/core/v1/RelationshipTemplates/Own", headers,
                             R"({"expiresAt":"2099-01-01T00:00:00.000Z","content":{"@type":"ArbitraryRelationshipTemplateContent","value":{}}})",
                             "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const auto reference = js::parse(created->body).at("result").at("reference").at("truncated").as_string();
  const auto before = CountOf("/api/core/v1/RelationshipTemplates");
  const auto a = Call("POST", "/api/core/v1/RelationshipTemplates/Peer",
                      nmshd::json::Stringify(js::object{{"reference", reference}}));
  EXPECT_GE(a.status, 400) << a.body;
  EXPECT_LT(a.status, 500) << a.body;
  EXPECT_EQ(CountOf("/api/core/v1/RelationshipTemplates"), before);
}

TEST_F(ConnectorErrors, HealthNeedsNoKeyAndReportsTheServices) {
  const auto a = Call("GET", "/health", "", "");
  EXPECT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json.at("isHealthy").as_bool(), true);
  EXPECT_EQ(a.json.at("services").at("backboneAuthentication").as_string(), "healthy");
}

}  // namespace
}  // namespace nmshd::connector::testing
