#pragma once
// The composition root of the `backbone` executable: configuration -> database -> routes -> HTTP
// server. Owns everything the request handlers reference, so it must outlive the server threads
// (Stop() joins them; the destructor stops too).
#include <memory>

#include "api/backbone_api.h"
#include "auth/access_tokens.h"
#include "backbone_context.h"
#include "config/backbone_config.h"
#include "http/server.h"
#include "storage/document_store.h"
#include "storage/open_database.h"

namespace nmshd::backbone {

// sqlite: <database.folder>/<database.dbName>.db (the folder is created);
// postgres: database.connectionString, schema database.schema (default "public").
std::unique_ptr<storage::Database> OpenBackboneDatabase(const config::BackboneConfig& config);
// The same location without opening it (for the instance lock and the backup commands).
storage::DatabaseConfig BackboneDatabaseConfig(const config::BackboneConfig& config);

class BackboneApp {
 public:
  // Opens the configured database (or uses `db`), ensures the indexes and registers all routes.
  explicit BackboneApp(config::BackboneConfig config, std::unique_ptr<storage::Database> db = nullptr);
  ~BackboneApp();
  BackboneApp(const BackboneApp&) = delete;
  BackboneApp& operator=(const BackboneApp&) = delete;

  // Binds httpServer.address:port (0 = ephemeral) and starts serving; throws
  // error.http.cannotListen.
  void Start();
  unsigned short port() const;
  // Graceful: stops accepting, lets running requests finish (10 s), joins the threads.
  bool Stop();

  BackboneApi& api() { return *api_; }
  BackboneContext& context() { return *context_; }

 private:
  config::BackboneConfig config_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<BackboneContext> context_;
  auth::AccessTokens tokens_;
  std::unique_ptr<BackboneApi> api_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace nmshd::backbone
