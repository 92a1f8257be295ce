#include "connector/app/connector_app.h"

#include <filesystem>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "connector/app/connector_health.h"
#include "connector/app/event_bus_sink.h"
#include "connector/controllers/account_controller.h"
#include "connector/controllers/challenges_controller.h"
#include "connector/controllers/files_controller.h"
#include "connector/controllers/messages_controller.h"
#include "connector/controllers/relationship_templates_controller.h"
#include "connector/controllers/relationships_controller.h"
#include "connector/controllers/tokens_controller.h"
#include "connector/events/event_bus.h"
#include "connector/http/connector_api.h"
#include "connector/modules/auto_accept_pending_relationships.h"
#include "connector/modules/auto_decompose_deletion_proposed_relationships.h"
#include "connector/modules/sync_module.h"
#include "connector/webhooks/webhooks_module.h"
#include "http/server.h"
#include "logging/log_system.h"
#include "storage/open_database.h"
#include "transport/account/account.h"
#include "transport/account/master_key.h"
#include "transport/account/secret_box.h"
#include "transport/backbone/backbone_client.h"
#include "transport/modules/files/files.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/modules/tokens/tokens.h"

namespace nmshd::connector {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;

// transport's supportedMinBackboneVersion / supportedMaxBackboneVersion.
constexpr int kMinBackboneVersion = 6;
constexpr int kMaxBackboneVersion = 7;

std::unique_ptr<storage::Database> OpenConnectorDatabase(const config::ConnectorConfig& config) {
  storage::DatabaseConfig db;
  db.driver = config.database.driver;
  if (db.driver == "sqlite") {
    fs::create_directories(config.database.folder);
    db.path = (fs::path(config.database.folder) / (config.database.dbName + ".db")).string();
  } else if (db.driver == "postgres") {
    db.connection_string = config.database.connectionString;
    // One connector = one identity = one database; with PostgreSQL the dbName is the schema.
    db.schema = config.database.dbName;
  } else {
    throw CodedError("error.connector.database.unsupportedDriver",
                     "database.driver \"" + config.database.driver + "\" is not supported by this build");
  }
  return storage::OpenDatabase(db);
}

transport::MasterKeySettings KeySettings(const config::ConnectorConfig& config) {
  transport::MasterKeySettings settings;
  if (const auto* km = config.effective.if_contains("keyMaterial"); km != nullptr && km->is_object()) {
    const auto& o = km->get_object();
    if (const auto* k = o.if_contains("key"); k != nullptr && k->is_string()) settings.key = std::string(k->get_string());
    if (const auto* f = o.if_contains("keyFile"); f != nullptr && f->is_string()) {
      settings.key_file = fs::path(std::string(f->get_string()));
    }
  }
  const auto folder = config.database.driver == "sqlite" ? fs::path(config.database.folder) : fs::path("data");
  settings.default_key_file = folder / (config.database.dbName + ".masterkey");
  return settings;
}

std::string HostOf(const std::string& url) {
  auto rest = url.substr(url.find("://") + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return rest.substr(1, rest.find(']') - 1);
  return rest.substr(0, rest.find(':'));
}

void CheckBackboneVersion(transport::BackboneClient& backbone) {
  const auto version = backbone.Get("/api/v2/Version", {}, transport::Auth::kAnonymous);
  const auto* major = version.is_object() ? version.as_object().if_contains("majorVersion") : nullptr;
  int value = -1;
  if (major != nullptr && major->is_string()) value = std::atoi(std::string(major->get_string()).c_str());
  if (major != nullptr && major->is_number()) value = major->to_number<int>();
  if (value < kMinBackboneVersion || value > kMaxBackboneVersion) {
    throw CodedError("error.transport.general.notSupportedBackboneVersion",
                     "The Backbone's major version " + (major ? json::Stringify(*major) : std::string("?")) +
                         " is not supported; supported are " + std::to_string(kMinBackboneVersion) + " to " +
                         std::to_string(kMaxBackboneVersion) + ".");
  }
}

std::string ListenAddress(const config::ConnectorConfig& config) {
  // Not an official key: the official Connector listens on every interface, which is our default.
  const auto* infra = config.effective.if_contains("infrastructure");
  if (infra && infra->is_object()) {
    const auto* http = infra->get_object().if_contains("httpServer");
    if (http && http->is_object()) {
      const auto* address = http->get_object().if_contains("address");
      if (address && address->is_string()) return std::string(address->get_string());
    }
  }
  return "0.0.0.0";
}

}  // namespace

struct ConnectorApp::Parts {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<transport::SecretBox> box;
  std::unique_ptr<transport::BackboneClient> backbone;
  std::unique_ptr<transport::Account> account;
  std::unique_ptr<EventBus> bus;
  std::unique_ptr<EventBusSink> sink;
  std::unique_ptr<transport::TransportContext> ctx;
  std::unique_ptr<transport::SyncEngine> sync;
  std::unique_ptr<transport::RelationshipTemplates> templates;
  std::unique_ptr<transport::Tokens> tokens;
  std::unique_ptr<transport::Relationships> relationships;
  std::unique_ptr<transport::Files> files;
  std::unique_ptr<transport::Messages> messages;
  std::unique_ptr<ConnectorHealth> health;
  std::unique_ptr<ConnectorApi> api;
  std::unique_ptr<http::Server> server;
  std::optional<WebhooksModule> webhooks;
  std::unique_ptr<AutoAcceptPendingRelationships> auto_accept;
  std::unique_ptr<AutoDecomposeDeletionProposedRelationships> auto_decompose;
  std::unique_ptr<SyncModule> sync_module;
  std::string address;
};

ConnectorApp::ConnectorApp(config::ConnectorConfig config)
    : config_(std::move(config)), parts_(std::make_unique<Parts>()) {}

ConnectorApp::~ConnectorApp() { Stop(); }

void ConnectorApp::Start() {
  auto log = logging::GetLogger("ConnectorRuntime");
  auto& p = *parts_;
  p.db = OpenConnectorDatabase(config_);
  const bool has_identity = transport::Account::Exists(*p.db);
  auto key = transport::MasterKey::Resolve(KeySettings(config_), !has_identity);
  log.Info("key material: {}", key.source());
  p.box = std::make_unique<transport::SecretBox>(std::move(key));

  transport::BackboneClientOptions options;
  options.base_url = config_.transport.baseUrl;
  options.client_id = config_.transport.platformClientId;
  options.client_secret = config_.transport.platformClientSecret;
  options.timeout = std::chrono::milliseconds(config_.transport.platformTimeoutMs);
  options.max_redirects = static_cast<long>(config_.transport.platformMaxRedirects);
  options.additional_headers = config_.transport.platformAdditionalHeaders;
  p.backbone = std::make_unique<transport::BackboneClient>(options);
  CheckBackboneVersion(*p.backbone);

  transport::AccountOptions account_options;
  account_options.allow_identity_creation = config_.transport.allowIdentityCreation;
  account_options.address_hostname =
      config_.transport.addressGenerationHostnameOverride.value_or(HostOf(config_.transport.baseUrl));
  account_options.client_id = options.client_id;
  account_options.client_secret = options.client_secret;
  p.account = std::make_unique<transport::Account>(
      transport::Account::OpenOrRegister(*p.db, *p.box, *p.backbone, account_options));
  log.Info("identity {}", p.account->address());

  p.bus = std::make_unique<EventBus>();
  p.sink = std::make_unique<EventBusSink>(*p.bus);
  p.ctx = std::make_unique<transport::TransportContext>(
      transport::TransportContext{*p.db, *p.backbone, *p.account, *p.box, *p.sink, config_.transport.baseUrl});
  p.sync = std::make_unique<transport::SyncEngine>(*p.ctx);
  p.templates = std::make_unique<transport::RelationshipTemplates>(*p.ctx);
  p.tokens = std::make_unique<transport::Tokens>(*p.ctx);
  p.relationships = std::make_unique<transport::Relationships>(*p.ctx, *p.templates);
  p.files = std::make_unique<transport::Files>(*p.ctx, *p.tokens);
  p.messages = std::make_unique<transport::Messages>(*p.ctx, *p.files);
  p.templates->RegisterProcessors(*p.sync);
  p.relationships->RegisterProcessors(*p.sync);
  p.files->RegisterProcessors(*p.sync);
  p.messages->RegisterProcessors(*p.sync);
  p.relationships->AddDecompositionCleanup([&p](storage::Transaction& tx, const js::object& relationship) {
    p.messages->CleanupDecomposedRelationship(tx, std::string(relationship.at("id").as_string()));
  });

  p.health = std::make_unique<ConnectorHealth>(
      *p.db, options, transport::DeviceCredentials{p.account->device().username, p.account->device_password()});
  p.api = std::make_unique<ConnectorApi>(ConnectorApiOptions::FromConfig(config_));
  for (const auto& w : p.api->warnings()) log.Warn("configuration: {}", w);
  p.api->SetHealthCheck([&p] { return p.health->Check(); });
  p.api->SetSupportInfo([&p] { return js::object{{"identityInfo", p.account->IdentityInfo()}}; });
  if (config_.ModuleEnabled("coreHttpApi")) {
    RegisterAccountRoutes(*p.api, *p.account, *p.sync);
    RegisterAnnouncementRoutes(*p.api, *p.backbone);
    RegisterBackboneNotificationRoutes(*p.api, *p.backbone);
    RegisterChallengeRoutes(*p.api, *p.ctx, *p.relationships);
    RegisterRelationshipTemplateRoutes(*p.api, *p.templates, *p.tokens);
    RegisterTokenRoutes(*p.api, *p.tokens);
    RegisterRelationshipRoutes(*p.api, *p.relationships);
    RegisterFileRoutes(*p.api, *p.files);
    RegisterMessageRoutes(*p.api, *p.messages);
  }

  if (config_.ModuleEnabled("webhooks")) {
    p.webhooks.emplace(WebhooksModule::FromConfig(config_.Module("webhooks"), *p.bus));
  }
  if (config_.ModuleEnabled("autoAcceptPendingRelationships")) {
    p.auto_accept = std::make_unique<AutoAcceptPendingRelationships>(*p.bus, *p.relationships, p.account->address());
  }
  if (config_.ModuleEnabled("autoDecomposeDeletionProposedRelationships")) {
    p.auto_decompose = std::make_unique<AutoDecomposeDeletionProposedRelationships>(*p.bus, *p.relationships);
  }
  if (config_.ModuleEnabled("sync")) {
    const auto& module = config_.Module("sync");
    std::int64_t seconds = 60;
    if (const auto* interval = module.if_contains("interval"); interval != nullptr && interval->is_number()) {
      seconds = std::max<std::int64_t>(1, interval->to_number<std::int64_t>());
    }
    p.sync_module = std::make_unique<SyncModule>(*p.sync, std::chrono::seconds(seconds));
  }
  if (config_.ModuleEnabled("sse")) {
    log.Warn("the sse module is not available yet; use the sync module or POST /api/core/v1/Account/Sync");
  }

  // As officially: the HTTP server listens first, then the modules start in config order.
  if (config_.httpServer.enabled) {
    http::ServerOptions server_options;
    p.address = ListenAddress(config_);
    server_options.address = p.address;
    server_options.port = config_.httpServer.port;
    server_options.worker_threads = 8;
    // Multipart uploads carry up to 10 MiB of content; JSON bodies are limited to 2 MB by the API.
    server_options.max_body_bytes = 12 * 1024 * 1024;
    p.server = std::make_unique<http::Server>(
        server_options, [&p](http::Request& request) { return p.api->Handle(request); }, p.api->Renderer());
    p.server->Start();
  }
  if (p.webhooks) p.webhooks->Start();
  if (p.auto_accept) p.auto_accept->Start();
  if (p.auto_decompose) p.auto_decompose->Start();
  if (p.sync_module) p.sync_module->Start();
  p.bus->Publish(Event{"runtime.modulesStarted", std::nullopt, ""});
}

unsigned short ConnectorApp::port() const { return parts_->server ? parts_->server->port() : 0; }

const std::string& ConnectorApp::address() const { return parts_->address; }

bool ConnectorApp::Stop() {
  if (stopped_) return true;
  stopped_ = true;
  auto& p = *parts_;
  bool clean = true;
  if (p.sync_module) p.sync_module->Stop();
  if (p.auto_decompose) p.auto_decompose->Stop();
  if (p.auto_accept) p.auto_accept->Stop();
  if (p.server) clean = p.server->Stop() && clean;
  if (p.bus) clean = p.bus->Stop(std::chrono::seconds(10)) && clean;
  if (p.webhooks) p.webhooks->Stop();
  parts_ = std::make_unique<Parts>();  // closes the database last, after everything that uses it
  return clean;
}

}  // namespace nmshd::connector
