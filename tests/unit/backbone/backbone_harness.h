#pragma once
// A Backbone without sockets for unit tests: the real BackboneApi with every route, on a fresh
// SQLite file (or, with NMSHD_BACKBONE_TEST_DRIVER=postgres, a fresh schema on the server named by
// NMSHD_TEST_PG_URI_FILE), a movable clock, and helpers that do what @nmshd/transport does:
// challenge, signed identity creation with src/crypto keys, password login.
//
//   BackboneHarness bb;
//   auto alice = bb.CreateIdentity();             // registers and logs in
//   auto r = bb.Call("POST", "/api/v2/SyncRuns", {{"type","DatawalletVersionUpgrade"}}, alice.token);
//   EXPECT_EQ(r.status, 201);
//   bb.Advance(std::chrono::minutes(11));         // moves BackboneContext::now
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "api/backbone_api.h"
#include "auth/access_tokens.h"
#include "backbone_context.h"
#include "config/backbone_config.h"
#include "crypto/signature_keypair.h"
#include "storage/document_store.h"

namespace nmshd::backbone::testing {

inline constexpr const char* kClientId = "test-client";
inline constexpr const char* kClientSecret = "test-secret";

struct ApiResponse {
  int status = 0;
  std::string body;
  boost::json::value json;  // parsed body, null when empty or not JSON
  std::map<std::string, std::string> headers;
  std::shared_ptr<http::StreamingBody> stream;  // a streaming response's body (SSE), else null
  bool held_until_durable = false;              // the handler left commits to be flushed (ready_when)

  const boost::json::value& result() const { return json.at("result"); }
  std::string ErrorCode() const;
};

struct TestIdentity {
  crypto::SignatureKeypair keys;
  std::string address;
  std::string device_id;
  std::string username;
  std::string password;
  std::string token;
};

class BackboneHarness {
 public:
  // `adjust` may change the configuration before the backbone is built.
  explicit BackboneHarness(const std::function<void(boost::json::object&)>& adjust = {});
  ~BackboneHarness();

  ApiResponse Call(const std::string& method, const std::string& target,
                   const std::optional<boost::json::value>& body = std::nullopt, const std::string& token = "",
                   std::map<std::string, std::string> headers = {});
  // Raw body (e.g. a form for /connect/token or malformed JSON).
  ApiResponse CallRaw(const std::string& method, const std::string& target, const std::string& body,
                      const std::string& content_type, const std::string& token = "",
                      std::map<std::string, std::string> headers = {});
  // As SyncClient: with X-Supported-Datawallet-Version: 1.
  ApiResponse SyncCall(const std::string& method, const std::string& target,
                       const std::optional<boost::json::value>& body, const std::string& token);

  // POST /Challenges (anonymous or with `token`) -> the challenge DTO.
  boost::json::object CreateChallenge(const std::string& token = "");
  // {challenge, signature} as ChallengeSigned.toJSON(false), signed with `keys`.
  static boost::json::object SignChallenge(const boost::json::object& challenge, const crypto::SignatureKeypair& keys,
                                           const std::string& type = "Identity");
  // The body of POST /Identities for `keys` with a fresh challenge.
  boost::json::object IdentityRequest(const crypto::SignatureKeypair& keys, const std::string& password);
  // Registers, logs in and runs the initial DatawalletVersionUpgrade unless told not to.
  TestIdentity CreateIdentity(bool initial_datawallet = true);
  // POST /connect/token; returns the whole response.
  ApiResponse Login(const std::string& username, const std::string& password,
                    const std::string& client_secret = kClientSecret);
  std::string LoginToken(const std::string& username, const std::string& password);

  void Advance(std::chrono::milliseconds by) { now_ += by; }
  TimePoint now() const { return now_; }
  BackboneContext& context() { return *context_; }
  storage::Database& db() { return *db_; }
  BackboneApi& api() { return *api_; }
  auth::AccessTokens& tokens() { return tokens_; }
  const config::BackboneConfig& config() const { return config_; }

 private:
  std::filesystem::path dir_;
  std::string pg_uri_;
  std::string pg_schema_;
  config::BackboneConfig config_;
  std::unique_ptr<storage::Database> db_;
  TimePoint now_;
  std::unique_ptr<BackboneContext> context_;
  auth::AccessTokens tokens_;
  std::unique_ptr<BackboneApi> api_;
};

// Whether the tests run on PostgreSQL (NMSHD_BACKBONE_TEST_DRIVER=postgres).
bool UsePostgres();

}  // namespace nmshd::backbone::testing

// Test-only convenience: compare a JSON value with a std::string (EXPECT_EQ(v.at("id"), id)).
// Found by argument-dependent lookup, hence in boost::json.
namespace boost::json {
inline bool operator==(const value& v, const std::string& s) { return v.is_string() && v.get_string() == s; }
inline bool operator==(const value& v, const char* s) { return v.is_string() && v.get_string() == s; }
}  // namespace boost::json
