#include "unit/backbone/backbone_harness.h"

#include <cstdlib>
#include <fstream>
#include <future>
#include <pqxx/pqxx>
#include <stdexcept>

#include "app/backbone_routes.h"
#include "base/base64.h"
#include "base/js_json.h"
#include "crypto/random.h"
#include "crypto/signatures.h"
#include "storage/open_database.h"

namespace nmshd::backbone::testing {

namespace fs = std::filesystem;
namespace json = boost::json;

bool UsePostgres() {
  const char* d = std::getenv("NMSHD_BACKBONE_TEST_DRIVER");
  return d != nullptr && std::string(d) == "postgres";
}

std::string ApiResponse::ErrorCode() const {
  if (!json.is_object()) return "<no JSON body, status " + std::to_string(status) + ">";
  const auto* error = json.get_object().if_contains("error");
  if (error == nullptr || !error->is_object()) return "<no error, status " + std::to_string(status) + ">";
  return std::string(error->at("code").as_string());
}

BackboneHarness::BackboneHarness(const std::function<void(json::object&)>& adjust) : now_(NowMs()) {
  json::object cfg = config::BackboneDefaults();
  cfg["platformClients"] = json::array{json::object{{"clientId", kClientId}, {"clientSecret", kClientSecret}}};
  cfg["logging"].as_object()["categories"].as_object()["default"].as_object()["level"] = "OFF";
  if (adjust) adjust(cfg);
  config_ = config::ValidateBackboneConfig(cfg);

  storage::DatabaseConfig db;
  if (UsePostgres()) {
    const char* uri_file = std::getenv("NMSHD_TEST_PG_URI_FILE");
    if (uri_file == nullptr) throw std::runtime_error("NMSHD_TEST_PG_URI_FILE is not set");
    std::ifstream in(uri_file);
    std::getline(in, pg_uri_);
    if (pg_uri_.empty()) throw std::runtime_error(std::string("no URI in ") + uri_file);
    pg_schema_ = "bbu_" + crypto::RandomString(12, "abcdefghijklmnopqrstuvwxyz0123456789");
    db.driver = "postgres";
    db.connection_string = pg_uri_;
    db.schema = pg_schema_;
  } else {
    dir_ = fs::temp_directory_path() / ("nmshd-backbone-unit-" + crypto::RandomString(12, "abcdefghijklmnop"));
    fs::create_directories(dir_);
    db.driver = "sqlite";
    db.path = (dir_ / "backbone.db").string();
  }
  db_ = storage::OpenDatabase(db);
  EnsureBackboneIndexes(*db_);
  context_ = std::make_unique<BackboneContext>(BackboneContext{config_, *db_, [this] { return now_; }});
  api_ = std::make_unique<BackboneApi>(*context_, tokens_);
  RegisterBackboneRoutes(*api_, *context_, tokens_);
}

BackboneHarness::~BackboneHarness() {
  api_.reset();
  context_.reset();
  db_.reset();
  if (!pg_schema_.empty()) {
    try {
      pqxx::connection c(pg_uri_);
      pqxx::work w(c);
      w.exec("DROP SCHEMA IF EXISTS \"" + pg_schema_ + "\" CASCADE");
      w.commit();
    } catch (const std::exception&) {
    }
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

ApiResponse BackboneHarness::CallRaw(const std::string& method, const std::string& target, const std::string& body,
                                     const std::string& content_type, const std::string& token,
                                     std::map<std::string, std::string> headers) {
  http::Request request;
  request.method = method;
  request.target = target;
  auto q = target.find('?');
  request.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::string query = target.substr(q + 1);
    std::size_t pos = 0;
    while (pos <= query.size()) {
      auto end = query.find('&', pos);
      if (end == std::string::npos) end = query.size();
      auto part = query.substr(pos, end - pos);
      if (!part.empty()) {
        auto eq = part.find('=');
        request.query.emplace_back(part.substr(0, eq), eq == std::string::npos ? "" : part.substr(eq + 1));
      }
      pos = end + 1;
    }
  }
  request.body = body;
  if (!content_type.empty()) request.headers["Content-Type"] = content_type;
  if (!token.empty()) request.headers["Authorization"] = "Bearer " + token;
  for (auto& [k, v] : headers) request.headers[k] = v;
  auto response = api_->Handle(request);
  ApiResponse out;
  // As the server does: the answer goes out once ready_when calls back (durable), else as a 500.
  if (response.ready_when) {
    out.held_until_durable = true;
    std::promise<std::string> ready;
    auto readied = ready.get_future();
    response.ready_when([&ready](const std::string& failure) { ready.set_value(failure); });
    if (auto failure = readied.get(); !failure.empty()) response = api_->RenderProtocolError(500, failure);
  }
  out.status = response.status;
  out.body = response.body;
  out.stream = response.stream;
  for (auto& [k, v] : response.headers) out.headers[k] = v;
  if (!response.body.empty()) {
    boost::system::error_code ec;
    auto parsed = json::parse(response.body, ec);
    if (!ec) out.json = std::move(parsed);
  }
  return out;
}

ApiResponse BackboneHarness::Call(const std::string& method, const std::string& target,
                                  const std::optional<json::value>& body, const std::string& token,
                                  std::map<std::string, std::string> headers) {
  return CallRaw(method, target, body ? nmshd::json::Stringify(*body) : std::string(), body ? "application/json" : "",
                 token, std::move(headers));
}

ApiResponse BackboneHarness::SyncCall(const std::string& method, const std::string& target,
                                      const std::optional<json::value>& body, const std::string& token) {
  return Call(method, target, body, token, {{"X-Supported-Datawallet-Version", "1"}});
}

json::object BackboneHarness::CreateChallenge(const std::string& token) {
  auto r = Call("POST", "/api/v2/Challenges", json::object{}, token);
  if (r.status != 201) throw std::runtime_error("challenge creation failed: " + r.body);
  return r.result().as_object();
}

json::object BackboneHarness::SignChallenge(const json::object& challenge, const crypto::SignatureKeypair& keys,
                                            const std::string& type) {
  // ts-serval Challenge.serialize(false): keys sorted alphabetically, no @type.
  json::object c;
  if (!challenge.at("createdBy").is_null()) c["createdBy"] = challenge.at("createdBy");
  if (!challenge.at("createdByDevice").is_null()) c["createdByDevice"] = challenge.at("createdByDevice");
  c["expiresAt"] = challenge.at("expiresAt");
  c["id"] = challenge.at("id");
  c["type"] = type;
  const auto text = nmshd::json::Stringify(c);
  auto sig =
      crypto::Sign(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), keys.privateKey());
  return json::object{{"challenge", text}, {"signature", sig.ToBase64()}};
}

json::object BackboneHarness::IdentityRequest(const crypto::SignatureKeypair& keys, const std::string& password) {
  return json::object{{"devicePassword", password},
                      {"identityPublicKey", keys.publicKey().ToBase64()},
                      {"signedChallenge", SignChallenge(CreateChallenge(), keys)},
                      {"clientId", kClientId},
                      {"clientSecret", kClientSecret},
                      {"identityVersion", 1}};
}

ApiResponse BackboneHarness::Login(const std::string& username, const std::string& password,
                                   const std::string& client_secret) {
  auto enc = [](const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  };
  std::string form = "client_id=" + enc(kClientId) + "&client_secret=" + enc(client_secret) +
                     "&grant_type=password&username=" + enc(username) + "&password=" + enc(password);
  return CallRaw("POST", "/connect/token", form, "application/x-www-form-urlencoded");
}

std::string BackboneHarness::LoginToken(const std::string& username, const std::string& password) {
  auto r = Login(username, password);
  if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
  return std::string(r.json.at("access_token").as_string());
}

TestIdentity BackboneHarness::CreateIdentity(bool initial_datawallet) {
  TestIdentity id{crypto::SignatureKeypair::Generate(), {}, {}, {}, {}, {}};
  id.password = "Pw!" + crypto::RandomString(44, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789");
  auto r = Call("POST", "/api/v2/Identities", IdentityRequest(id.keys, id.password));
  if (r.status != 201) throw std::runtime_error("identity creation failed: " + r.body);
  id.address = std::string(r.result().at("address").as_string());
  id.device_id = std::string(r.result().at("device").at("id").as_string());
  id.username = std::string(r.result().at("device").at("username").as_string());
  id.token = LoginToken(id.username, id.password);
  if (initial_datawallet) {
    auto start = SyncCall("POST", "/api/v2/SyncRuns", json::object{{"type", "DatawalletVersionUpgrade"}}, id.token);
    if (start.status != 201) throw std::runtime_error("datawallet upgrade start failed: " + start.body);
    auto run_id = std::string(start.result().at("syncRun").at("id").as_string());
    auto fin =
        SyncCall("PUT", "/api/v2/SyncRuns/" + run_id + "/FinalizeDatawalletVersionUpgrade",
                 json::object{{"newDatawalletVersion", 1}, {"datawalletModifications", json::array{}}}, id.token);
    if (fin.status != 200) throw std::runtime_error("datawallet upgrade finalize failed: " + fin.body);
  }
  return id;
}

}  // namespace nmshd::backbone::testing
