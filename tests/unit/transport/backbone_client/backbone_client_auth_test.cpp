// Device tokens: the password grant, caching, refresh near expiry and the one retry after a 401.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "fake_backbone.h"
#include "json_compare.h"
#include "token_endpoint.h"
#include "transport/backbone/backbone_client.h"

namespace nmshd::transport {
namespace {

using testing::FakeBackbone;
using testing::SetJson;
using testing::TokenEndpoint;

void InstallEcho(FakeBackbone& fake, const std::string& path) {
  fake.On("GET", path, [](const httplib::Request& req, httplib::Response& res) {
    SetJson(res, 200,
            boost::json::serialize(boost::json::object{{"result", {{"auth", req.get_header_value("Authorization")}}}}));
  });
}

TEST(BackboneClientAuth, FetchesTheTokenOnceAndReusesIt) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  InstallEcho(fake, "/api/v2/Messages");
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USRa b", "p&ss=word+"});

  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.Get("/api/v2/Messages").at("auth"), "Bearer tok-1");
  }
  EXPECT_EQ(tokens.count(), 1);
  EXPECT_EQ(client.AccessToken(), "tok-1");
  EXPECT_EQ(tokens.count(), 1);

  const auto grants = fake.RequestsTo("/connect/token");
  ASSERT_EQ(grants.size(), 1u);
  const auto& g = grants[0];
  EXPECT_EQ(g.Header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(g.body,
            "client_id=test-client&client_secret=test-secret&grant_type=password&username=USRa%20b&password=p%26ss%3Dword%2B");
  EXPECT_EQ(g.Param("password"), "p&ss=word+");
  EXPECT_EQ(g.Param("username"), "USRa b");
  EXPECT_EQ(g.Header("Authorization"), "");
}

TEST(BackboneClientAuth, InvalidateTokenFetchesANewOne) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});
  EXPECT_EQ(client.AccessToken(), "tok-1");
  client.InvalidateToken();
  EXPECT_EQ(client.AccessToken(), "tok-2");
  client.SetDeviceCredentials({"USR2", "pw2"});  // another device, another token
  EXPECT_EQ(client.AccessToken(), "tok-3");
  EXPECT_EQ(fake.RequestsTo("/connect/token").back().Param("username"), "USR2");
}

TEST(BackboneClientAuth, A401LeadsToOneNewTokenAndOneRetry) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  // Only the second token is accepted.
  fake.On("POST", "/api/v2/Relationships", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") != "Bearer tok-2") {
      res.status = 401;
      return;
    }
    SetJson(res, 201, R"({"result":{"id":"REL1"}})");
  });
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});

  EXPECT_EQ(client.Post("/api/v2/Relationships", boost::json::object{{"a", 1}}).at("id"), "REL1");
  EXPECT_EQ(tokens.count(), 2);
  const auto calls = fake.RequestsTo("/api/v2/Relationships");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].Header("Authorization"), "Bearer tok-1");
  EXPECT_EQ(calls[1].Header("Authorization"), "Bearer tok-2");
  EXPECT_EQ(calls[1].body, R"({"a":1})");  // the retry sends the body again
}

TEST(BackboneClientAuth, ASecond401IsAnError) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  fake.On("GET", "/api/v2/Messages", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 401, R"({"error":{"code":"error.platform.unauthorized","message":"no"}})");
  });
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});

  try {
    client.Get("/api/v2/Messages");
    FAIL() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.platform.unauthorized");
    EXPECT_EQ(e.status(), 401);
  }
  EXPECT_EQ(fake.RequestsTo("/api/v2/Messages").size(), 2u);
  EXPECT_EQ(tokens.count(), 2);
}

TEST(BackboneClientAuth, AnonymousCallsDoNotRetryOn401) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  fake.On("GET", "/x", [](const httplib::Request&, httplib::Response& res) { res.status = 401; });
  fake.Start();
  BackboneClient client(fake.Options());
  EXPECT_THROW(client.Get("/x", {}, Auth::kAnonymous), BackboneError);
  EXPECT_EQ(fake.RequestsTo("/x").size(), 1u);
  EXPECT_EQ(tokens.count(), 0);
}

TEST(BackboneClientAuth, RefreshesWhenCloseToExpiry) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  InstallEcho(fake, "/api/v2/Messages");
  fake.Start();
  BackboneClient client(fake.Options());  // refresh margin 30 s
  client.SetDeviceCredentials({"USR1", "pw"});

  // 32 s of lifetime: usable for two more seconds.
  tokens.expires_in->store(32);
  EXPECT_EQ(client.Get("/api/v2/Messages").at("auth"), "Bearer tok-1");
  EXPECT_EQ(client.Get("/api/v2/Messages").at("auth"), "Bearer tok-1");
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  EXPECT_EQ(client.Get("/api/v2/Messages").at("auth"), "Bearer tok-2");

  // Less than the margin from the start: never reused.
  tokens.expires_in->store(20);
  client.InvalidateToken();
  EXPECT_EQ(client.Get("/api/v2/Messages").at("auth"), "Bearer tok-3");
  EXPECT_EQ(client.Get("/api/v2/Messages").at("auth"), "Bearer tok-4");
  EXPECT_EQ(tokens.count(), 4);
}

TEST(BackboneClientAuth, TokenFailuresHaveTheOfficialCodes) {
  FakeBackbone fake;
  std::atomic<int> status{400};
  fake.On("POST", "/connect/token", [&](const httplib::Request&, httplib::Response& res) {
    SetJson(res, status.load(), R"({"error":"invalid_grant","error_description":"bad credentials"})");
  });
  fake.Start();
  BackboneClient client(fake.Options());

  try {
    client.AccessToken();
    FAIL() << "no error without credentials";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.transport.request.noAuthPossible");
  }
  EXPECT_EQ(fake.RequestsTo("/connect/token").size(), 0u);

  client.SetDeviceCredentials({"USR1", "wrong"});
  try {
    client.Get("/api/v2/Messages");
    FAIL() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.transport.request.noAuthGrant");
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.details(), "invalid_grant");
  }
  EXPECT_EQ(fake.RequestsTo("/api/v2/Messages").size(), 0u);

  status = 401;  // axios rejects 401 → the request "failed" rather than "was refused"
  try {
    client.AccessToken();
    FAIL() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.transport.request.noAuthPossible");
    EXPECT_EQ(e.status(), 401);
  }

  status = 200;  // 200 without access_token
  try {
    client.AccessToken();
    FAIL() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.transport.request.noAuthGrant");
  }
}

TEST(BackboneClientAuth, StringExpiresInIsAccepted) {
  FakeBackbone fake;
  fake.On("POST", "/connect/token", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 200, R"({"access_token":"abc","expires_in":"3600"})");
  });
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});
  EXPECT_EQ(client.AccessToken(), "abc");
  EXPECT_EQ(client.AccessToken(), "abc");
  EXPECT_EQ(fake.RequestsTo("/connect/token").size(), 1u);
}

TEST(BackboneClientAuth, UnreachableTokenEndpointIsNoAuthPossible) {
  BackboneClientOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(testing::UnusedPort());
  BackboneClient client(options);
  client.SetDeviceCredentials({"USR1", "pw"});
  try {
    client.Get("/api/v2/Messages");
    FAIL() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.transport.request.noAuthPossible");
    EXPECT_EQ(e.status(), 0);
  }
}

}  // namespace
}  // namespace nmshd::transport
