#include "app/backbone_app.h"

#include <filesystem>

#include "app/backbone_routes.h"
#include "app/backbone_schema.h"
#include "base/ascii_case.h"
#include "storage/open_database.h"

namespace nmshd::backbone {
namespace {

// The anonymous answers that touch neither the database nor anything else that may block (see
// misc/version.cpp, misc/health.cpp): served on the io thread. Paths match case-insensitively, as
// the routes do; the query does not matter.
bool AnswersWithoutBlocking(const http::Request& request) {
  if (request.method != "GET") return false;
  for (const char* path : {"/api/v2/Version", "/health", "/health/live"}) {
    if (EqualsIgnoringAsciiCase(request.path, path)) return true;
  }
  return false;
}

}  // namespace

storage::DatabaseConfig BackboneDatabaseConfig(const config::BackboneConfig& config) {
  storage::DatabaseConfig db;
  db.driver = config.databaseDriver;
  if (db.driver == "sqlite") {
    db.path = (std::filesystem::path(config.databaseFolder) / (config.databaseName + ".db")).string();
  } else {
    db.connection_string = config.databaseConnectionString;
    if (const auto* section = config.effective.if_contains("database"); section && section->is_object()) {
      if (const auto* schema = section->get_object().if_contains("schema"); schema && schema->is_string()) {
        db.schema = std::string(schema->get_string());
      }
    }
  }
  return db;
}

std::unique_ptr<storage::Database> OpenBackboneDatabase(const config::BackboneConfig& config) {
  const auto db = BackboneDatabaseConfig(config);
  if (db.driver == "sqlite") std::filesystem::create_directories(config.databaseFolder);
  return storage::OpenDatabase(db);
}

BackboneApp::BackboneApp(config::BackboneConfig config, std::unique_ptr<storage::Database> db)
    : config_(std::move(config)), db_(db ? std::move(db) : OpenBackboneDatabase(config_)) {
  // Before anything reads the database; a database of a newer binary is refused here.
  storage::MigrateSchema(*db_, BackboneMigrations());
  EnsureBackboneIndexes(*db_);
  context_ = std::make_unique<BackboneContext>(BackboneContext{config_, *db_});
  api_ = std::make_unique<BackboneApi>(*context_, tokens_);
  RegisterBackboneRoutes(*api_, *context_, tokens_);
}

BackboneApp::~BackboneApp() { Stop(); }

void BackboneApp::Start() {
  http::ServerOptions options;
  options.address = config_.listenAddress;
  options.port = config_.port;
  options.max_body_bytes = static_cast<std::size_t>(config_.limits.maxRequestBodyBytes);
  // Requests handled at once. A handler's commits are made durable after it returned: the server
  // holds the answer until the group commit's flush (BackboneApi::Handle), not the worker.
  options.worker_threads = static_cast<std::size_t>(config_.workerThreads);
  options.answers_without_blocking = AnswersWithoutBlocking;
  auto* api = api_.get();
  server_ = std::make_unique<http::Server>(
      options, [api](http::Request& r) { return api->Handle(r); },
      [api](int status, const std::string& detail) { return api->RenderProtocolError(status, detail); });
  server_->Start();
}

unsigned short BackboneApp::port() const { return server_ ? server_->port() : 0; }

bool BackboneApp::Stop() {
  if (!server_) return true;
  bool drained = server_->Stop();
  server_.reset();
  return drained;
}

}  // namespace nmshd::backbone
