// The cross-cutting rules of the Consumer API (backbone-protocol §0): envelopes, status mapping,
// authentication, paging, body parsing, case-insensitive routing.
#include <gtest/gtest.h>

#include "api/api_errors.h"
#include "api/error_responses.h"
#include "api/request_fields.h"
#include "core/error_id.h"
#include "unit/backbone/backbone_harness.h"

namespace nmshd::backbone::testing {
namespace {

namespace json = boost::json;

TEST(ApiConventions, SuccessIsEnvelopedAndVersionIsAString) {
  BackboneHarness bb;
  auto r = bb.Call("GET", "/api/v2/Version");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"result":{"majorVersion":"7"}})");
  EXPECT_EQ(r.headers.at("Content-Type"), "application/json; charset=utf-8");
  EXPECT_FALSE(r.headers.at("x-correlation-id").empty());
}

// On SQLite a handler's commits are flushed after it returned, for many answers at once: the answer
// is held until then (deferred_durability.h). PostgreSQL commits are durable when they return.
TEST(ApiConventions, AnAnswerBuiltOnCommitsIsHeldUntilTheyAreDurable) {
  BackboneHarness bb;
  auto created = bb.Call("POST", "/api/v2/Challenges", json::object{});
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(created.held_until_durable, !UsePostgres());
  auto version = bb.Call("GET", "/api/v2/Version");
  ASSERT_EQ(version.status, 200);
  EXPECT_FALSE(version.held_until_durable);
}

TEST(ApiConventions, HealthAnswersWithoutAuthentication) {
  BackboneHarness bb;
  auto r = bb.Call("GET", "/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "Healthy");
}

TEST(ApiConventions, ErrorEnvelopeHasTheOfficialShape) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto r = bb.Call("GET", "/api/v2/Challenges/CHL00000000000000000", std::nullopt, alice.token);
  ASSERT_EQ(r.status, 404);
  const auto& error = r.json.at("error").as_object();
  std::vector<std::string> keys;
  for (const auto& kv : error) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "code", "message", "docs", "time", "data"}));
  EXPECT_EQ(error.at("code"), "error.platform.recordNotFound");
  EXPECT_EQ(error.at("message"), "Challenge not found.");
  EXPECT_TRUE(core::IsBackboneErrorId(error.at("id").as_string()));
  EXPECT_EQ(error.at("docs"), "");
  EXPECT_TRUE(error.at("data").is_null());
}

TEST(ApiConventions, StatusMappingFollowsTheOfficialExceptionFilter) {
  EXPECT_EQ(StatusForErrorCode("error.platform.recordNotFound"), 404);
  EXPECT_EQ(StatusForErrorCode("error.platform.forbidden"), 403);
  EXPECT_EQ(StatusForErrorCode("error.platform.quotaExhausted"), 429);
  EXPECT_EQ(StatusForErrorCode("error.platform.unauthorized"), 400);  // thrown by a module, e.g. POST /Identities
  EXPECT_EQ(StatusForErrorCode("error.platform.validation.syncRun.syncRunAlreadyFinalized"), 400);
  EXPECT_EQ(StatusForErrorCode("error.platform.unexpected"), 500);
  EXPECT_EQ(StatusForErrorCode("error.storage.busy"), 500);  // our own faults never blame the client
}

TEST(ApiConventions, MissingOrInvalidBearerTokenIs401) {
  BackboneHarness bb;
  for (const std::string token : {"", "not-a-token"}) {
    auto r = bb.Call("POST", "/api/v2/SyncRuns", json::object{}, token);
    EXPECT_EQ(r.status, 401) << token;
    EXPECT_EQ(r.ErrorCode(), "error.platform.unauthorized");
    EXPECT_NE(r.headers.at("WWW-Authenticate").find("Bearer"), std::string::npos);
  }
  auto r = bb.CallRaw("GET", "/api/v2/Datawallet", "", "", "", {{"Authorization", "Basic abc"}});
  EXPECT_EQ(r.status, 401);
}

TEST(ApiConventions, ExpiredAccessTokenIs401AndLoginGivesANewOne) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  EXPECT_EQ(bb.Call("GET", "/api/v2/Datawallet", std::nullopt, alice.token).status, 200);
  bb.Advance(std::chrono::seconds(bb.config().jwtLifetimeSeconds));
  EXPECT_EQ(bb.Call("GET", "/api/v2/Datawallet", std::nullopt, alice.token).status, 401);
  auto fresh = bb.LoginToken(alice.username, alice.password);
  EXPECT_EQ(bb.Call("GET", "/api/v2/Datawallet", std::nullopt, fresh).status, 200);
}

TEST(ApiConventions, RoutingAndQueryNamesAreCaseInsensitive) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  EXPECT_EQ(bb.Call("GET", "/API/V2/version").status, 200);
  auto r = bb.Call("GET", "/api/v2/identities/isdeleted?USERNAME=" + alice.username);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.result().at("isDeleted"), false);
}

TEST(ApiConventions, UnknownRoutesAreBare404And405ListsMethods) {
  BackboneHarness bb;
  auto r = bb.Call("GET", "/api/v2/Nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(r.body.empty());
  auto m = bb.Call("DELETE", "/api/v2/Version");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.headers.at("Allow"), "GET");
}

TEST(ApiConventions, MalformedJsonIsInputCannotBeParsed) {
  BackboneHarness bb;
  auto r = bb.CallRaw("POST", "/api/v2/Challenges", "{not json", "application/json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "error.platform.inputCannotBeParsed");
  auto arr = bb.CallRaw("POST", "/api/v2/Identities", "[1,2]", "application/json");
  EXPECT_EQ(arr.ErrorCode(), "error.platform.inputCannotBeParsed");
}

TEST(ApiConventions, BodyMembersBindCaseInsensitivelyAndNullMeansAbsent) {
  auto body = json::parse(R"({"DevicePassword":"x","count":null,"n":5,"flag":true})").as_object();
  EXPECT_EQ(RequiredString(body, "devicePassword"), "x");
  EXPECT_FALSE(OptionalInteger(body, "count", 0, 10).has_value());
  EXPECT_EQ(OptionalInteger(body, "N", 0, 10), 5);
  EXPECT_EQ(OptionalBool(body, "flag"), true);
  try {
    RequiredString(body, "missing");
    FAIL() << "no error";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.platform.inputCannotBeParsed");
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos);
  }
  // byte[] members: base64url and standard base64 both bind.
  auto bytes = json::parse(R"({"a":"-_8","b":"+/8="})").as_object();
  EXPECT_EQ(RequiredBytes(bytes, "a"), RequiredBytes(bytes, "b"));
}

TEST(ApiConventions, PagingPutsPaginationInTheBodyOnlyForSeveralPages) {
  http::Request request;
  auto page = ReadPageRequest(request, 50, 200);
  EXPECT_EQ(page.number, 1);
  EXPECT_EQ(page.size, 50);
  auto single = PagedResult(json::array{1, 2}, page, 2);
  EXPECT_EQ(single.body, R"({"result":[1,2]})");
  request.query = {{"PageNumber", "2"}, {"pageSize", "2"}};
  page = ReadPageRequest(request, 50, 200);
  auto multi = PagedResult(json::array{3, 4}, page, 5);
  EXPECT_EQ(multi.body,
            R"({"result":[3,4],"pagination":{"pageNumber":2,"pageSize":2,"totalPages":3,"totalRecords":5}})");
  request.query = {{"pageSize", "201"}};
  try {
    ReadPageRequest(request, 50, 200);
    FAIL();
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.platform.validation.pagination.invalidPageSize");
  }
}

TEST(ApiConventions, PagedEndpointsPageThroughTheApi) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  for (int i = 0; i < 2; ++i) {
    auto challenge = bb.CreateChallenge(alice.token);
    auto r = bb.Call("POST", "/api/v2/Devices",
                     json::object{{"devicePassword", "pw-" + std::to_string(i)},
                                  {"signedChallenge", BackboneHarness::SignChallenge(challenge, alice.keys)}},
                     alice.token);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto first = bb.Call("GET", "/api/v2/Devices?pageSize=2", std::nullopt, alice.token);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.result().as_array().size(), 2u);
  EXPECT_EQ(first.json.at("pagination").at("totalRecords"), 3);
  EXPECT_EQ(first.json.at("pagination").at("totalPages"), 2);
  auto second = bb.Call("GET", "/api/v2/Devices?pageSize=2&pageNumber=2", std::nullopt, alice.token);
  EXPECT_EQ(second.result().as_array().size(), 1u);
  auto all = bb.Call("GET", "/api/v2/Devices", std::nullopt, alice.token);
  EXPECT_EQ(all.result().as_array().size(), 3u);
  EXPECT_FALSE(all.json.as_object().contains("pagination"));
}

TEST(ApiConventions, InternalFaultsAre500UnexpectedWithoutDetails) {
  BackboneHarness bb;
  bb.api().Anonymous("GET", "/api/v2/Boom",
                     [](http::Request&) -> http::Response { throw std::runtime_error("secret internal detail"); });
  bb.api().Anonymous("GET", "/api/v2/StorageBoom", [](http::Request&) -> http::Response {
    throw CodedError("error.storage.backend", "disk on fire");
  });
  for (const char* path : {"/api/v2/Boom", "/api/v2/StorageBoom"}) {
    auto r = bb.Call("GET", path);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.ErrorCode(), "error.platform.unexpected");
    EXPECT_EQ(r.body.find("secret"), std::string::npos);
    EXPECT_EQ(r.body.find("disk"), std::string::npos);
  }
}

TEST(ApiConventions, ProtocolErrorsUseTheEnvelope) {
  BackboneHarness bb;
  auto too_large = bb.api().RenderProtocolError(413, "The request body is too large.");
  EXPECT_EQ(too_large.status, 413);
  EXPECT_NE(too_large.body.find("error.platform.requestBodyTooLarge"), std::string::npos);
}

TEST(ApiConventions, CorrelationIdIsTakenFromTheRequestWhenSane) {
  BackboneHarness bb;
  auto r = bb.CallRaw("GET", "/api/v2/Version", "", "", "", {{"x-correlation-id", "abc-123"}});
  EXPECT_EQ(r.headers.at("x-correlation-id"), "abc-123");
  auto bad = bb.CallRaw("GET", "/api/v2/Version", "", "", "", {{"x-correlation-id", "a\nb"}});
  EXPECT_NE(bad.headers.at("x-correlation-id"), "a\nb");
}

TEST(ApiConventions, MiscEndpoints) {
  BackboneHarness bb;
  auto alice = bb.CreateIdentity();
  auto bob = bb.CreateIdentity();
  auto tags = bb.Call("GET", "/api/v2/Tags");
  EXPECT_EQ(tags.body, R"({"result":{"supportedLanguages":["en"],"tagsForAttributeValueTypes":{}}})");
  auto etag = tags.headers.at("ETag");
  auto cached = bb.CallRaw("GET", "/api/v2/Tags", "", "", "", {{"If-None-Match", etag}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  EXPECT_EQ(bb.Call("GET", "/api/v2/Announcements?language=en", std::nullopt, alice.token).body, R"({"result":[]})");
  EXPECT_EQ(bb.Call("GET", "/api/poc/PublicRelationshipTemplateReferences", std::nullopt, alice.token).body,
            R"({"result":[]})");
  auto notify =
      bb.Call("POST", "/api/v2/Notifications",
              json::object{{"recipients", json::array{json::value(bob.address)}}, {"code", "TestCode"}}, alice.token);
#if __has_include("content/content_store.h")
  // With the content module: a relationship to every recipient is required (peer_hooks_test.cpp).
  EXPECT_EQ(notify.ErrorCode(), "error.platform.validation.notification.noRelationshipToOneOrMoreRecipientsExists");
#else
  EXPECT_EQ(notify.status, 204) << notify.body;
#endif
  auto bad = bb.Call("POST", "/api/v2/Notifications",
                     json::object{{"recipients", json::array{"nobody"}}, {"code", "TestCode"}}, alice.token);
  EXPECT_EQ(bad.status, 400);
  auto none =
      bb.Call("POST", "/api/v2/Notifications", json::object{{"recipients", json::array{}}, {"code", "X"}}, alice.token);
  EXPECT_EQ(none.ErrorCode(), "error.platform.validation.invalidPropertyValue");
}

}  // namespace
}  // namespace nmshd::backbone::testing
