#include "connector/http/connector_api.h"

#include <gtest/gtest.h>

#include <strings.h>

#include <atomic>
#include <set>
#include <thread>

#include "base/js_json.h"
#include "config/json_tree.h"
#include "connector/http/api_error.h"
#include "connector/http/envelopes.h"
#include "core/error_id.h"
#include "test_support.h"

namespace nmshd::connector {
namespace {

using testing::kKey;
using testing::kOtherKey;
using testing::MakeRequest;
using testing::MessageOf;

const std::string kNoScopesKey = "Key_Without_Any_Scopes_at_all_77!";
const std::string kMonitoringKey = "Monitoring-Only_Key_for_the_tests_55";
const TimePoint kNow = ParseIso("2026-03-01T12:00:00.000Z");

boost::json::object Authentication() {
  return boost::json::parse(R"({"apiKey": {"headerName": "X-API-KEY", "keys": {
      "full": {"key": ")" + kKey + R"("},
      "files": {"key": ")" + kOtherKey + R"(", "scopes": ["core:files"]},
      "nothing": {"key": ")" + kNoScopesKey + R"(", "scopes": []},
      "monitoring": {"key": ")" + kMonitoringKey + R"(", "scopes": ["monitoring:*"], "expiresAt": "2026-03-01T12:01:00.000Z"},
      "disabled": {"key": "Disabled_but_strong_API_key_1234!", "enabled": false}}},
    "oidc": {}, "jwtBearer": {}})")
      .as_object();
}

ConnectorApiOptions Options() {
  ConnectorApiOptions o;
  o.authentication = Authentication();
  o.cors = boost::json::object{{"origin", false}};
  o.effective_config = boost::json::object{
      {"infrastructure", {{"httpServer", {{"authentication", Authentication()}}}}},
      {"transportLibrary", {{"platformClientSecret", "very-secret"}}}};
  o.unauthorized_delay = std::chrono::milliseconds(250);
  o.now = [] { return kNow; };
  return o;
}

std::string HeaderOf(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return "<absent>";
}

boost::json::object ErrorOf(const http::Response& r) {
  return boost::json::parse(r.body).as_object().at("error").as_object();
}

std::string CodeOf(const http::Response& r) { return std::string(ErrorOf(r).at("code").as_string()); }

class ConnectorApiTest : public ::testing::Test {
 protected:
  explicit ConnectorApiTest(ConnectorApiOptions options = Options()) : api(std::move(options)) {
    api.Add("GET", CoreRoute("/Files"), {"core:files"}, [](ApiCall&) { return Ok(boost::json::array{}); });
    api.Add("POST", CoreRoute("/Files/Own"), {"core:files"}, [this](ApiCall& call) {
      seen_body = call.Body();
      return Created(boost::json::object{{"id", "FIL1"}});
    });
    api.Add("GET", CoreRoute("/Files/{id}"), {"core:files"}, [](ApiCall& call) {
      if (call.WantsPng()) return PngDownload("png-bytes", call.request.PathParam("id"));
      return Ok(boost::json::object{{"id", call.request.PathParam("id")}});
    }, RouteOptions::JsonOrPng());
    api.Add("DELETE", CoreRoute("/Files/{id}"), {"core:files"}, [](ApiCall&) { return NoContent(); },
            RouteOptions::AnyAccept());
    api.Add("GET", CoreRoute("/Requests/Incoming"), {"core:requests", "core:requests:incoming"},
            [](ApiCall&) { return Ok(boost::json::array{}); });
    api.Add("GET", CoreRoute("/Whoami"), {}, [](ApiCall& call) {
      boost::json::object o;
      o["correlationId"] = call.correlation_id;
      o["roles"] = boost::json::value_from(call.Roles());
      return Ok(o);
    });
    api.Add("POST", CoreRoute("/Throw/{kind}"), {}, [](ApiCall& call) -> http::Response {
      const auto& kind = call.request.PathParam("kind");
      if (kind == "notFound") throw CodedError("error.runtime.recordNotFound", "File not found.");
      if (kind == "transportNotFound") throw CodedError("error.transport.recordNotFound", "gone");
      if (kind == "platform") throw CodedError("error.platform.validation.invalidBase64", "bad base64");
      if (kind == "validation") throw CodedError("error.runtime.validation.invalidPropertyValue", "must have required property 'content'");
      if (kind == "api") throw ApiError(502, "error.platform.unexpected", "The Backbone is down.");
      if (kind == "storage") throw CodedError("error.storage.sqlite", "database is locked at /secret/path");
      if (kind == "body") return Ok(call.Body());
      throw std::runtime_error("null pointer in /secret/place");
    });
  }

  http::Response Call(http::Request r, const std::string& key = kKey) {
    if (!key.empty()) r.headers["X-API-KEY"] = key;
    return api.Handle(r);
  }

  ConnectorApi api;
  boost::json::object seen_body;
};

TEST_F(ConnectorApiTest, MissingWrongDisabledOrExpiredKeysAre401AfterTheDelay) {
  for (const std::string& key : {std::string(), std::string("wrong"), kKey + "x",
                                std::string("Disabled_but_strong_API_key_1234!")}) {
    auto r = Call(MakeRequest("GET", CoreRoute("/Files")), key);
    EXPECT_EQ(r.status, 401) << key;
    EXPECT_EQ(CodeOf(r), "error.connector.unauthorized");
    EXPECT_EQ(ErrorOf(r).at("message"), "Unauthorized.");
    EXPECT_EQ(r.delay, std::chrono::milliseconds(250));
  }
  // The monitoring key expires a minute after kNow: still good now, refused once the clock passes it.
  EXPECT_EQ(Call(MakeRequest("GET", "/Monitoring/Requests"), kMonitoringKey).status, 200);
  ConnectorApiOptions later = Options();
  later.now = [] { return kNow + std::chrono::minutes(1); };
  ConnectorApi api_later(later);
  auto r = MakeRequest("GET", "/Monitoring/Requests");
  r.headers["X-API-KEY"] = kMonitoringKey;
  EXPECT_EQ(api_later.Handle(r).status, 401);
  r.headers["X-API-KEY"] = kKey;
  EXPECT_EQ(api_later.Handle(r).status, 200);
}

TEST_F(ConnectorApiTest, OfficialDelayIsOneToFourWholeSeconds) {
  auto options = Options();
  options.unauthorized_delay.reset();
  ConnectorApi official(options);
  std::set<long> seen;
  for (int i = 0; i < 64; ++i) {
    auto r = MakeRequest("GET", "/anything");
    auto response = official.Handle(r);
    ASSERT_EQ(response.status, 401);
    seen.insert(static_cast<long>(response.delay.count()));
  }
  EXPECT_EQ(seen, (std::set<long>{1000, 2000, 3000, 4000}));
}

TEST_F(ConnectorApiTest, RolesOfScopedKeys) {
  EXPECT_EQ(Call(MakeRequest("GET", CoreRoute("/Files")), kOtherKey).status, 200);
  auto forbidden = Call(MakeRequest("GET", CoreRoute("/Requests/Incoming")), kOtherKey);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(CodeOf(forbidden), "error.connector.forbidden");
  EXPECT_EQ(ErrorOf(forbidden).at("message"), "You are not allowed to access this endpoint.");
  EXPECT_EQ(forbidden.delay.count(), 0);
  EXPECT_EQ(Call(MakeRequest("GET", "/Monitoring/Version"), kOtherKey).status, 403);
  // scopes: [] authenticates but grants nothing
  EXPECT_EQ(Call(MakeRequest("GET", CoreRoute("/Files")), kNoScopesKey).status, 403);
  EXPECT_EQ(Call(MakeRequest("GET", "/Monitoring/Requests"), kNoScopesKey).status, 403);
  // a key without scopes has every role
  EXPECT_EQ(Call(MakeRequest("GET", CoreRoute("/Requests/Incoming"))).status, 200);
  auto whoami = Call(MakeRequest("GET", CoreRoute("/Whoami")), kOtherKey);
  EXPECT_EQ(boost::json::parse(whoami.body).at("result").at("roles"), boost::json::parse(R"(["core:files"])"));
}

TEST_F(ConnectorApiTest, RoutingErrors) {
  auto unknown = Call(MakeRequest("GET", CoreRoute("/Nope")));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(CodeOf(unknown), "error.connector.http.routeDoesNotExist");
  EXPECT_EQ(ErrorOf(unknown).at("message"), "The requested route does not exist.");
  // authentication comes first: an unauthenticated unknown route is 401
  EXPECT_EQ(Call(MakeRequest("GET", CoreRoute("/Nope")), "").status, 401);

  auto wrong_method = Call(MakeRequest("PUT", CoreRoute("/Files/FIL1")));
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(CodeOf(wrong_method), "error.connector.http.methodNotAllowed");
  EXPECT_EQ(HeaderOf(wrong_method, "Allow"), "GET, DELETE");
  // Monitoring routes are plain Express routes: another method is an unknown route
  EXPECT_EQ(Call(MakeRequest("POST", "/Monitoring/Version")).status, 404);

  // Paths match case-insensitively, trailing slashes are ignored (Express defaults)
  EXPECT_EQ(Call(MakeRequest("GET", "/API/CORE/V1/files/")).status, 200);
  EXPECT_EQ(Call(MakeRequest("GET", "/monitoring/version")).status, 200);
}

TEST_F(ConnectorApiTest, AcceptNegotiation) {
  auto json = MakeRequest("GET", CoreRoute("/Files/FIL1"));
  auto r = Call(json);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"result":{"id":"FIL1"}})");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Accept");

  auto png = MakeRequest("GET", CoreRoute("/Files/FIL1"));
  png.headers["Accept"] = "image/png";
  r = Call(png);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "png-bytes");
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "image/png");
  EXPECT_EQ(HeaderOf(r, "Content-Disposition"), "attachment;filename=FIL1.png");

  auto html = MakeRequest("GET", CoreRoute("/Files/FIL1"));
  html.headers["Accept"] = "text/html";
  r = Call(html);
  EXPECT_EQ(r.status, 406);
  EXPECT_EQ(CodeOf(r), "error.connector.http.notAcceptable");
  // a route without an accepts list does no check
  auto del = MakeRequest("DELETE", CoreRoute("/Files/FIL1"));
  del.headers["Accept"] = "text/html";
  EXPECT_EQ(Call(del).status, 204);
  // the role check comes before the Accept check
  EXPECT_EQ(Call(html, kNoScopesKey).status, 403);
}

TEST_F(ConnectorApiTest, JsonBodies) {
  auto r = Call(MakeRequest("POST", CoreRoute("/Files/Own"), R"({"title":"a","n":[1,2]})", "application/json; charset=utf-8"));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(HeaderOf(r, "Location"), "_");
  EXPECT_EQ(r.body, R"({"result":{"id":"FIL1"}})");
  EXPECT_EQ(json::Stringify(seen_body), R"({"title":"a","n":[1,2]})");

  // no body, or not declared as JSON: {}
  EXPECT_EQ(Call(MakeRequest("POST", CoreRoute("/Files/Own"))).status, 201);
  EXPECT_TRUE(seen_body.empty());
  EXPECT_EQ(Call(MakeRequest("POST", CoreRoute("/Files/Own"), "{not json", "text/plain")).status, 201);
  EXPECT_TRUE(seen_body.empty());

  // malformed JSON is rejected before authentication
  for (const char* bad : {"{not json", "123", "\"text\"", "  ", "[1,]"}) {
    auto invalid = Call(MakeRequest("POST", CoreRoute("/Files/Own"), bad, "application/json"), "");
    EXPECT_EQ(invalid.status, 400) << bad;
    EXPECT_EQ(CodeOf(invalid), "error.connector.validation.invalidJsonInPayload");
    EXPECT_EQ(ErrorOf(invalid).at("message"), "The given payload is not a valid json object.");
    EXPECT_EQ(invalid.delay.count(), 0);
  }
  // an array is JSON, but not an object for Body()
  auto array = Call(MakeRequest("POST", CoreRoute("/Throw/body"), "[1]", "application/json"));
  EXPECT_EQ(array.status, 400);
  EXPECT_EQ(CodeOf(array), "error.runtime.validation.invalidPropertyValue");
}

TEST_F(ConnectorApiTest, BodyLimitIsTwoMegabytes) {
  std::string at_limit = R"({"a":")" + std::string(kJsonBodyLimit - 8, 'x') + R"("})";
  ASSERT_EQ(at_limit.size(), kJsonBodyLimit);
  EXPECT_EQ(Call(MakeRequest("POST", CoreRoute("/Files/Own"), at_limit, "application/json")).status, 201);
  std::string over = R"({"a":")" + std::string(kJsonBodyLimit - 7, 'x') + R"("})";
  auto r = Call(MakeRequest("POST", CoreRoute("/Files/Own"), over, "application/json"), "");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(CodeOf(r), "error.connector.http.payloadTooLarge");
  // the limit is one of the JSON parser: other bodies (multipart uploads) pass through
  EXPECT_EQ(Call(MakeRequest("POST", CoreRoute("/Files/Own"), over, "multipart/form-data; boundary=x")).status, 201);
}

TEST_F(ConnectorApiTest, ErrorEnvelopesAndStatusMapping) {
  struct Expect {
    const char* kind;
    int status;
    const char* code;
    const char* message;
  };
  const Expect cases[] = {
      {"notFound", 404, "error.runtime.recordNotFound", "File not found."},
      {"transportNotFound", 404, "error.transport.recordNotFound", "gone"},
      {"platform", 500, "error.platform.validation.invalidBase64", "bad base64"},
      {"validation", 400, "error.runtime.validation.invalidPropertyValue", "must have required property 'content'"},
      {"api", 502, "error.platform.unexpected", "The Backbone is down."},
      {"storage", 500, "error.connector.unexpected", "An unexpected error occurred."},
      {"other", 500, "error.connector.unexpected", "An unexpected error occurred."},
  };
  for (const auto& c : cases) {
    auto r = Call(MakeRequest("POST", CoreRoute("/Throw/") + c.kind));
    EXPECT_EQ(r.status, c.status) << c.kind;
    auto error = ErrorOf(r);
    EXPECT_EQ(error.at("code"), c.code) << c.kind;
    EXPECT_EQ(error.at("message"), c.message) << c.kind;
    // {"code","message","id","time","docs"} in that order, nothing else in production
    std::vector<std::string> keys;
    for (const auto& kv : error) keys.emplace_back(kv.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"code", "message", "id", "time", "docs"})) << c.kind;
    EXPECT_TRUE(core::IsConnectorErrorId(error.at("id").as_string())) << error.at("id");
    EXPECT_EQ(error.at("docs").as_string(), std::string("https://enmeshed.eu/integrate/error-codes#") + c.code);
    EXPECT_NO_THROW(ParseIso(error.at("time").as_string()));
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << r.body;
  }
}

TEST(ConnectorApiDebug, VerboseErrorsAndOpenAccessWithoutKeys) {
  ConnectorApiOptions options;
  options.debug = true;
  options.authentication = boost::json::parse(R"({"apiKey":{"headerName":"X-API-KEY","keys":{}}})").as_object();
  ConnectorApi api(options);
  api.Add("GET", "/boom", {"core:files"}, [](ApiCall&) -> http::Response { throw std::runtime_error("kaputt"); });
  auto r = MakeRequest("GET", "/boom");
  auto response = api.Handle(r);
  EXPECT_EQ(response.status, 500);  // no key needed, every role granted
  auto error = ErrorOf(response);
  EXPECT_EQ(error.at("code"), "error.connector.unexpected");
  EXPECT_EQ(error.at("details"), "kaputt");
  EXPECT_TRUE(error.at("stacktrace").is_array());
  // debug mode relaxes the CSP for the API docs
  EXPECT_EQ(HeaderOf(response, "Content-Security-Policy").rfind("default-src;", 0), 0u);
}

TEST_F(ConnectorApiTest, HealthNeedsNoKeyAndReportsEachService) {
  auto unset = Call(MakeRequest("GET", "/health"), "");
  EXPECT_EQ(unset.status, 500);
  api.SetHealthCheck([] { return HealthReport{true, true, true}; });
  auto healthy = Call(MakeRequest("GET", "/health"), "");
  EXPECT_EQ(healthy.status, 200);
  EXPECT_EQ(healthy.body,
            R"({"isHealthy":true,"services":{"database":"healthy","backboneConnection":"healthy","backboneAuthentication":"healthy"}})");
  api.SetHealthCheck([] { return HealthReport{true, false, true}; });
  auto sick = Call(MakeRequest("GET", "/health"), "");
  EXPECT_EQ(sick.status, 500);
  EXPECT_EQ(sick.body,
            R"({"isHealthy":false,"services":{"database":"healthy","backboneConnection":"unhealthy","backboneAuthentication":"healthy"}})");
  // only GET /health is open
  EXPECT_EQ(Call(MakeRequest("POST", "/health"), "").status, 401);
}

TEST(HealthCheck, ConcurrentCallersShareOneCheck) {
  std::atomic<int> runs{0};
  HealthCheck check([&] {
    ++runs;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return HealthReport{true, true, false};
  });
  std::vector<std::thread> callers;
  std::atomic<int> unhealthy{0};
  for (int i = 0; i < 6; ++i) {
    callers.emplace_back([&] {
      if (!check.Run().healthy()) ++unhealthy;
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(unhealthy.load(), 6);
  EXPECT_EQ(runs.load(), 1);
  check.Run();  // a later call checks again
  EXPECT_EQ(runs.load(), 2);
  HealthCheck throwing([]() -> HealthReport { throw std::runtime_error("db down"); });
  EXPECT_FALSE(throwing.Run().database);
}

TEST_F(ConnectorApiTest, MonitoringRoutes) {
  auto version = Call(MakeRequest("GET", "/Monitoring/Version"), kMonitoringKey);
  EXPECT_EQ(version.status, 200);
  auto v = boost::json::parse(version.body).as_object();
  std::vector<std::string> keys;
  for (const auto& kv : v) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"version", "build", "date", "commit", "runtimeVersion", "modules"}));
  EXPECT_EQ(v.at("version").as_string(), BuildInformation::Current().version);
  EXPECT_FALSE(v.at("version").as_string().empty());
  EXPECT_EQ(v.at("runtimeVersion"), "7.0.0");
  EXPECT_EQ(v.at("modules"), boost::json::object{});

  ConnectorApi fresh(Options());
  auto call = [&](const char* method, const char* path, const std::string& key) {
    auto r = MakeRequest(method, path);
    if (!key.empty()) r.headers["X-API-KEY"] = key;
    return fresh.Handle(r);
  };
  call("GET", "/health", "");
  call("GET", "/nope", kKey);
  call("GET", "/nope", kKey);
  call("GET", "/nope", "bad");
  auto requests = boost::json::parse(call("GET", "/Monitoring/Requests", kMonitoringKey).body).as_object();
  EXPECT_EQ(requests.at("requestCount"), 4);
  EXPECT_EQ(requests.at("requestCountByStatus"), boost::json::parse(R"({"401":1,"404":2,"500":1})"));
  EXPECT_NO_THROW(ParseIso(requests.at("since").as_string()));
  // the previous monitoring call itself is counted once it finished
  auto again = boost::json::parse(call("GET", "/Monitoring/Requests", kMonitoringKey).body).as_object();
  EXPECT_EQ(again.at("requestCount"), 5);

  fresh.SetHealthCheck([] { return HealthReport{true, true, true}; });
  fresh.SetSupportInfo([] {
    return boost::json::object{{"identityInfo", {{"address", "did:e:localhost:dids:0123"}, {"publicKey", "pk"}}}};
  });
  auto support = boost::json::parse(call("GET", "/Monitoring/Support", kMonitoringKey).body).as_object();
  keys.clear();
  for (const auto& kv : support) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"version", "health", "configuration", "identityInfo"}));
  EXPECT_EQ(support.at("health").at("isHealthy"), true);
  EXPECT_EQ(support.at("identityInfo").at("address"), "did:e:localhost:dids:0123");
  auto configuration = json::Stringify(support.at("configuration"));
  EXPECT_EQ(configuration.find(kKey), std::string::npos) << configuration;
  EXPECT_EQ(configuration.find("very-secret"), std::string::npos) << configuration;
  EXPECT_NE(configuration.find("X-API-KEY"), std::string::npos) << configuration;
}

TEST_F(ConnectorApiTest, CorrelationIds) {
  auto adopted = MakeRequest("GET", CoreRoute("/Whoami"));
  adopted.headers["x-correlation-id"] = "my-trace-42";
  auto r = Call(adopted);
  EXPECT_EQ(boost::json::parse(r.body).at("result").at("correlationId"), "my-trace-42");
  EXPECT_EQ(HeaderOf(r, "x-correlation-id"), "<absent>");  // not echoed, as officially

  adopted.headers["x-correlation-id"] = "first, second";
  EXPECT_EQ(boost::json::parse(Call(adopted).body).at("result").at("correlationId"), "first");

  for (const std::string& bad : {std::string(), std::string("has space"), std::string(200, 'a')}) {
    auto generated = MakeRequest("GET", CoreRoute("/Whoami"));
    if (!bad.empty()) generated.headers["x-correlation-id"] = bad;
    std::string id(boost::json::parse(Call(generated).body).at("result").at("correlationId").as_string());
    ASSERT_EQ(id.size(), 36u) << id;
    EXPECT_EQ(id[8], '-');
    EXPECT_EQ(id[14], '4');  // UUID v4
    EXPECT_NE(id, bad);
  }
}

TEST_F(ConnectorApiTest, EveryResponseCarriesSecurityAndTimingHeaders) {
  auto with_key = Call(MakeRequest("GET", CoreRoute("/Files")));
  auto unauthorized = Call(MakeRequest("GET", CoreRoute("/Files")), "");
  auto not_found = Call(MakeRequest("GET", "/x"));
  auto health = Call(MakeRequest("GET", "/health"), "");
  for (const auto* r : {&with_key, &unauthorized, &not_found, &health}) {
    EXPECT_EQ(HeaderOf(*r, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(HeaderOf(*r, "Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
    EXPECT_EQ(HeaderOf(*r, "X-Frame-Options"), "SAMEORIGIN");
    EXPECT_NE(HeaderOf(*r, "Content-Security-Policy"), "<absent>");
    EXPECT_EQ(HeaderOf(*r, "X-Powered-By"), "<absent>");
    EXPECT_NO_THROW(ParseIso(HeaderOf(*r, "X-Response-Time")));
    EXPECT_NO_THROW((void)std::stoi(HeaderOf(*r, "X-Response-Duration-ms")));
    EXPECT_EQ(HeaderOf(*r, "Access-Control-Allow-Origin"), "<absent>");  // CORS is off by default
  }
  // the duration of a delayed 401 includes its delay
  EXPECT_GE(std::stoi(HeaderOf(unauthorized, "X-Response-Duration-ms")), 250);
}

TEST(ConnectorApiCors, ConfiguredCorsAnswersPreflightsBeforeAuthentication) {
  auto options = Options();
  options.cors = boost::json::parse(R"({"origin": ["https://app.example"], "credentials": true})");
  ConnectorApi api(options);
  api.Add("GET", "/x", {}, [](ApiCall&) { return Ok(1); });
  auto preflight = MakeRequest("OPTIONS", "/x");
  preflight.headers["Origin"] = "https://app.example";
  preflight.headers["Access-Control-Request-Method"] = "GET";
  auto r = api.Handle(preflight);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Methods"), "GET,HEAD,PUT,PATCH,POST,DELETE");
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff");

  auto actual = MakeRequest("GET", "/x");
  actual.headers["Origin"] = "https://app.example";
  actual.headers["X-API-KEY"] = kKey;
  r = api.Handle(actual);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(HeaderOf(r, "Vary"), "Accept, Origin");
  actual.headers.erase("X-API-KEY");
  r = api.Handle(actual);
  EXPECT_EQ(r.status, 401);  // CORS headers on errors too, so browsers can read them
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Origin"), "https://app.example");
}

TEST(ConnectorApiStartup, ValidationErrors) {
  auto with_keys = [](const std::string& keys) {
    auto o = Options();
    o.authentication = boost::json::parse(R"({"apiKey":{"headerName":"X-API-KEY","keys":)" + keys + "}}").as_object();
    return o;
  };
  EXPECT_NE(MessageOf([&] { ConnectorApi{with_keys(R"({"weakling":{"key":"password123"}})")}; })
                .find("does not meet the requirements: weakling."),
            std::string::npos);
  EXPECT_EQ(MessageOf([&] {
              ConnectorApi{with_keys(R"({"a":{"key":")" + kKey + R"("},"b":{"key":")" + kKey + R"("}})")};
            }),
            "Duplicate API keys found in configuration. Each API key must be unique.");
  EXPECT_EQ(MessageOf([&] {
              ConnectorApi{with_keys(R"({"a":{"key":")" + kKey + R"(","expiresAt":"2020-01-01T00:00:00Z"}})")};
            }),
            "No valid API keys found in configuration. At least one is required.");
  auto jwt = Options();
  jwt.authentication["jwtBearer"] = boost::json::object{{"issuerBaseURL", "https://id.example"}};
  EXPECT_NE(MessageOf([&] { ConnectorApi{jwt}; }).find("authentication.jwtBearer"), std::string::npos);
  auto none = with_keys("{}");
  EXPECT_EQ(MessageOf([&] { ConnectorApi{none}; }),
            "No API key and OAuth config set in configuration. At least one is required in production mode.");
  auto helmet = Options();
  helmet.helmet_options = boost::json::parse(R"({"referrerPolicy": {"policy": []}})");
  EXPECT_NE(MessageOf([&] { ConnectorApi{helmet}; }).find("helmetOptions"), std::string::npos);
  EXPECT_THROW(ConnectorApi(Options()).Add("GET", "/x", {"core:*"}, [](ApiCall&) { return NoContent(); }),
               std::invalid_argument);
}

TEST(ConnectorApiOptions, FromTheConnectorConfig) {
  auto merged = config::ConnectorDefaults();
  config::DeepMerge(merged, boost::json::parse(R"({
    "transportLibrary": {"baseUrl": "https://backbone.example", "platformClientId": "id", "platformClientSecret": "secret"},
    "infrastructure": {"httpServer": {
      "cors": {"origin": "https://app.example"},
      "helmetOptions": {"xXssProtection": false},
      "authentication": {"apiKey": {"keys": {"k": {"key": ")" + kKey + R"("}}}}}}})")
                                    .as_object());
  auto config = config::ValidateConnectorConfig(merged);
  auto options = ConnectorApiOptions::FromConfig(config);
  EXPECT_FALSE(options.debug);
  EXPECT_EQ(options.cors, boost::json::parse(R"({"origin": "https://app.example"})"));
  EXPECT_EQ(options.helmet_options, boost::json::parse(R"({"xXssProtection": false})"));
  ConnectorApi api(options);
  api.Add("GET", "/x", {"core:files"}, [](ApiCall&) { return Ok(1); });
  auto r = MakeRequest("GET", "/x");
  r.headers["x-api-key"] = kKey;
  auto response = api.Handle(r);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(HeaderOf(response, "Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(HeaderOf(response, "X-XSS-Protection"), "<absent>");
}

TEST(ConnectorApiRenderer, ProtocolErrorsUseTheEnvelope) {
  ConnectorApi api(Options());
  auto renderer = api.Renderer();
  auto too_large = renderer(413, "The request body is too large.");
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(CodeOf(too_large), "error.connector.http.payloadTooLarge");
  EXPECT_EQ(HeaderOf(too_large, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(CodeOf(renderer(431, "The request headers are too large.")), "error.connector.http.badRequest");
  auto crashed = renderer(500, "boom");
  EXPECT_EQ(CodeOf(crashed), "error.connector.unexpected");
  EXPECT_EQ(ErrorOf(crashed).at("message"), "An unexpected error occurred.");
}

}  // namespace
}  // namespace nmshd::connector
