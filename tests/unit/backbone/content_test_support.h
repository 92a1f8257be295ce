#pragma once
// Test bench for the content modules: a fresh database per test (SQLite temp file, or a fresh
// PostgreSQL schema when NMSHD_TEST_STORAGE_BACKEND=postgres and NMSHD_TEST_PG_URI_FILE name a
// server, as the storage contract tests do), a clock the test moves, identities as fake callers,
// and a minimal in-process ApiRoutes that applies the official status mapping, so every test goes
// through the real routes of RegisterContentRoutes: JSON body parsing, path and query parameters,
// envelopes.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <vector>

#include "api/api_errors.h"
#include "api/api_routes.h"
#include "backbone_context.h"
#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "config/backbone_config.h"
#include "content/content_routes.h"
#include "content/content_store.h"
#include "core/backbone_ids.h"
#include "core/error_envelope.h"
#include "core/identity_address.h"
#include "crypto/random.h"
#include "http/router.h"
#include "storage/document_store.h"
#include "storage/open_database.h"
#include "sync/sync_store.h"

namespace nmshd::backbone::content::testing {

namespace json = boost::json;

// Minimal ApiRoutes: a router, a fixed caller per request, the official status mapping.
class TestRoutes final : public ApiRoutes {
 public:
  void Authenticated(std::string method, std::string pattern, AuthenticatedHandler h) override {
    router_.Add(std::move(method), pattern, [this, h = std::move(h)](http::Request& r) {
      if (!current_) return Error(401, "error.platform.unauthorized", "no token");
      return h(r, *current_);
    });
  }
  void Anonymous(std::string method, std::string pattern, AnonymousHandler h) override {
    router_.Add(std::move(method), pattern, std::move(h));
  }
  void OptionalAuth(std::string method, std::string pattern, OptionalAuthHandler h) override {
    router_.Add(std::move(method), pattern, [this, h = std::move(h)](http::Request& r) {
      return h(r, current_ ? &*current_ : nullptr);
    });
  }

  http::Response Call(const Caller* caller, const std::string& method, const std::string& target,
                      std::string body, std::map<std::string, std::string> headers = {}) {
    http::Request request;
    request.method = method;
    request.target = target;
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) throw std::runtime_error("bad target " + target);
    request.path = parsed->path();
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto param : parsed->params(opts)) {
      request.query.emplace_back(param.key, param.has_value ? param.value : std::string());
    }
    for (auto& [k, v] : headers) request.headers[k] = v;
    if (!body.empty() && !request.headers.count("Content-Type")) {
      request.headers["Content-Type"] = "application/json";
    }
    request.body = std::move(body);
    current_.reset();
    if (caller != nullptr) current_ = *caller;
    auto match = router_.Find(request);
    if (match.outcome != http::Router::Outcome::kFound) {
      return http::Response{match.outcome == http::Router::Outcome::kNotFound ? 404 : 405, {}, ""};
    }
    try {
      return (*match.handler)(request);
    } catch (const CodedError& e) {
      const auto& code = e.code();
      int status = code == "error.platform.recordNotFound" ? 404
                   : code == "error.platform.forbidden"    ? 403
                   : code.rfind("error.storage.", 0) == 0  ? 500
                                                           : 400;
      return Error(status, code, e.what());
    }
  }

 private:
  static http::Response Error(int status, const std::string& code, const std::string& message) {
    return http::Response::Json(status,
                                core::BackboneHttpError::Create(code, message).ToEnvelope());
  }

  http::Router router_;
  std::optional<Caller> current_;
};

struct Identity {
  Caller caller;
  const std::string& address() const { return caller.address; }
};

inline std::string RandomSuffix() {
  static std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng() % 1000000000000ULL);
}

// An answer parsed for assertions.
struct Answer {
  int status = 0;
  std::string body;
  json::value json;
  std::string content_type;

  const json::value& result() const { return json.as_object().at("result"); }
  std::string code() const {
    if (!json.is_object() || !json.as_object().contains("error")) return "";
    return std::string(json.at("error").at("code").as_string());
  }
  std::string message() const {
    if (!json.is_object() || !json.as_object().contains("error")) return "";
    return std::string(json.at("error").at("message").as_string());
  }
};

// A JSON value as text: the string itself, anything else as JSON.
inline std::string S(const json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : nmshd::json::Stringify(v);
}

inline std::string Show(const Answer& a) {
  return std::to_string(a.status) + " " + a.body.substr(0, 600);
}

class ContentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::DatabaseConfig db_config;
    const char* backend = std::getenv("NMSHD_TEST_STORAGE_BACKEND");
    if (backend != nullptr && std::string(backend) == "postgres") {
      const char* uri_file = std::getenv("NMSHD_TEST_PG_URI_FILE");
      ASSERT_NE(uri_file, nullptr) << "NMSHD_TEST_PG_URI_FILE is not set";
      std::ifstream in(uri_file);
      std::getline(in, pg_uri_);
      ASSERT_FALSE(pg_uri_.empty());
      db_config.driver = "postgres";
      db_config.connection_string = pg_uri_;
      db_config.schema = "content_" + RandomSuffix();
      schema_ = db_config.schema;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("nmshd-content-" + RandomSuffix());
      std::filesystem::create_directories(dir_);
      db_config.driver = "sqlite";
      db_config.path = (dir_ / "backbone.db").string();
    }
    db_ = storage::OpenDatabase(db_config);
    config_.didDomainName = "localhost";
    config_.limits.maxNumberOfMessageRecipients = 5;
    ctx_ =
        std::make_unique<BackboneContext>(BackboneContext{config_, *db_, [this] { return now_; }});
    ContentOptions options;
    options.identity_status = [this](storage::Transaction&, std::string_view address) {
      auto it = identity_status_.find(std::string(address));
      return it == identity_status_.end() ? IdentityStatus::kUnknown : it->second;
    };
    RegisterContentRoutes(routes_, *ctx_, std::move(options));
  }

  void TearDown() override {
    ctx_.reset();
    db_.reset();
    if (!schema_.empty()) {
      pqxx::connection c(pg_uri_);
      pqxx::work w(c);
      w.exec("DROP SCHEMA IF EXISTS \"" + schema_ + "\" CASCADE");
      w.commit();
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  Identity NewIdentity(IdentityStatus status = IdentityStatus::kActive) {
    auto key = crypto::RandomBytes(32);
    Identity id;
    id.caller.address = core::IdentityAddress::Derive(key, "localhost").str();
    id.caller.device_id = core::GenerateBackboneId(core::backbone_ids::kDevice);
    id.caller.username = core::GenerateBackboneId(core::backbone_ids::kUsername);
    id.caller.client_id = "test";
    identity_status_[id.caller.address] = status;
    return id;
  }

  Answer Call(const Identity* who, const std::string& method, const std::string& target,
              const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    auto response =
        routes_.Call(who ? &who->caller : nullptr, method, target, body, std::move(headers));
    Answer a;
    a.status = response.status;
    a.body = response.body;
    for (auto& [k, v] : response.headers) {
      if (k == "Content-Type") a.content_type = v;
    }
    if (a.content_type.rfind("application/json", 0) == 0 && !a.body.empty())
      a.json = json::parse(a.body);
    return a;
  }
  Answer Call(const Identity& who, const std::string& method, const std::string& target,
              const json::value& body) {
    return Call(&who, method, target, nmshd::json::Stringify(body));
  }
  Answer Get(const Identity& who, const std::string& target) { return Call(&who, "GET", target); }

  std::uint64_t CountOf(std::string_view collection) { return db_->Count(collection); }

  // The external events written so far for `owner`, by index (sync/sync_store.h layout).
  std::vector<json::object> EventsOf(const std::string& owner) {
    std::vector<json::object> out;
    auto docs = db_->Find(sync::kExternalEvents,
                          storage::Query()
                              .Where(storage::Condition::Equals("owner", json::string(owner)))
                              .OrderBy("index"));
    for (auto& d : docs) out.push_back(std::move(d.body));
    return out;
  }
  // The types of those events, e.g. {"RelationshipStatusChanged", "MessageReceived"}.
  std::vector<std::string> EventTypesOf(const std::string& owner) {
    std::vector<std::string> out;
    for (auto& e : EventsOf(owner)) out.emplace_back(e.at("type").as_string());
    return out;
  }

  void Advance(std::chrono::milliseconds d) { now_ += d; }

  static std::string B64(std::string_view text) { return base64::EncodeUrlNoPad(text); }
  static std::string Bytes(std::size_t n, char fill = 'x') { return B64(std::string(n, fill)); }
  std::string Future(std::chrono::milliseconds d = std::chrono::hours(24)) const {
    return FormatIsoUtc(now_ + d);
  }

  TimePoint now_ =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  config::BackboneConfig config_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<BackboneContext> ctx_;
  TestRoutes routes_;
  std::map<std::string, IdentityStatus> identity_status_;
  std::filesystem::path dir_;
  std::string pg_uri_;
  std::string schema_;
};

}  // namespace nmshd::backbone::content::testing
