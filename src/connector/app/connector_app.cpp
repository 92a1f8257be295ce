#include "connector/app/connector_app.h"

#include <algorithm>
#include <atomic>
#include <filesystem>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "connector/app/connector_database.h"
#include "connector/app/connector_health.h"
#include "connector/app/connector_metrics.h"
#include "connector/app/event_bus_sink.h"
#include "connector/app/stale_database_gate.h"
#include "connector/controllers/account_controller.h"
#include "connector/controllers/attributes_controller.h"
#include "connector/controllers/notify_peer_route.h"
#include "connector/controllers/attributes_iql_routes.h"
#include "connector/controllers/challenges_controller.h"
#include "connector/controllers/files_controller.h"
#include "connector/controllers/identity_metadata_controller.h"
#include "connector/controllers/messages_controller.h"
#include "connector/controllers/relationship_templates_controller.h"
#include "connector/controllers/relationships_controller.h"
#include "connector/controllers/requests_controller.h"
#include "connector/controllers/tokens_controller.h"
#include "connector/events/event_bus.h"
#include "connector/http/connector_api.h"
#include "connector/modules/auto_accept_pending_relationships.h"
#include "connector/modules/auto_decompose_deletion_proposed_relationships.h"
#include "connector/modules/decider_module.h"
#include "connector/modules/notification_module.h"
#include "connector/modules/request_module.h"
#include "connector/modules/sse_module.h"
#include "connector/modules/sync_module.h"
#include "connector/webhooks/webhooks_module.h"
#include "consumption/attributes/attribute_use_cases.h"
#include "consumption/attributes/attributes_controller.h"
#include "consumption/consumption_context.h"
#include "consumption/identity_metadata/identity_metadata_store.h"
#include "consumption/identity_metadata/identity_metadata_use_cases.h"
#include "consumption/iql/iql_use_cases.h"
#include "consumption/notifications/notification_sender.h"
#include "consumption/notifications/notify_peer_about_own_identity_attribute_succession.h"
#include "consumption/notifications/notifications_controller.h"
#include "consumption/requests/incoming_requests_controller.h"
#include "consumption/requests/items/attribute_request_item_processors.h"
#include "consumption/requests/outgoing_requests_controller.h"
#include "consumption/requests/request_item_processor_registry.h"
#include "consumption/requests/request_use_cases.h"
#include "http/server.h"
#include "logging/log_system.h"
#include "storage/instance_lock.h"
#include "storage/open_database.h"
#include "storage/schema_migrator.h"
#include "storage/stamped_database.h"
#include "transport/account/account.h"
#include "transport/account/master_key.h"
#include "transport/account/secret_box.h"
#include "transport/backbone/backbone_client.h"
#include "transport/modules/files/files.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/schema/transport_schema.h"
#include "transport/modules/state/state_marker.h"
#include "transport/modules/state/state_publisher.h"
#include "transport/modules/state/state_watermark.h"
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
// At most one state-marker push per interval (each is a datawallet row on the Backbone); after a
// crash the Backbone's record may miss the changes of about this long (state_publisher.h).
constexpr auto kStatePublishInterval = std::chrono::milliseconds(1000);
// How long a graceful stop waits at most to hand the last watermark to the Backbone.
constexpr auto kStateFlushTimeout = std::chrono::seconds(5);
// Kept free at the end of the stop bound (shutdownTimeoutSeconds) for closing the database.
constexpr auto kStopCloseMargin = std::chrono::milliseconds(500);

// The stop bound (ConnectorConfig::shutdownTimeoutSeconds) is split: half for in-flight requests
// (the HTTP server's grace), at most a sixth (and 5 s) for queued webhook deliveries; the event
// bus and the last state push share what is left (Stop()). The watchdog in connector_main ends the
// process at the bound whatever still runs (a sync that the sync module waits for, included).
std::chrono::milliseconds StopBound(const config::ConnectorConfig& config) {
  return std::chrono::seconds(config.shutdownTimeoutSeconds);
}

// Forward migrations of the layout (transport/modules/schema); a database a newer connector wrote
// is refused before anything reads it.
void MigrateConnectorSchema(storage::Database& db, logging::Logger& log) {
  const auto found = db.SchemaVersion();
  const auto known = transport::TransportSchemaVersion();
  if (found > known) {
    throw CodedError("error.storage.schemaTooNew",
                     "refusing to start: the database was written by a newer connector (schema version " +
                         std::to_string(found) + "; this connector knows versions up to " + std::to_string(known) +
                         "). Run that newer version, or restore a backup made with this one; an older connector "
                         "must not change data it does not understand.");
  }
  const auto now = storage::MigrateSchema(db, transport::TransportMigrations());
  if (now != found) log.Info("database schema migrated from version {} to {}", found, now);
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
  // Held while running: `connector restore` refuses to write under a running connector, and a
  // second connector on the same database (= the same identity) refuses to start.
  std::unique_ptr<storage::InstanceLock> instance_lock;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<transport::SecretBox> box;
  std::unique_ptr<transport::BackboneClient> backbone;
  std::unique_ptr<transport::TagCollectionCache> tags;
  std::unique_ptr<transport::Account> account;
  // Declared before everything that writes, so it outlives them; `publisher_for_commits` is what
  // the database's commit hook reads (from any thread), null until the publisher exists.
  std::unique_ptr<transport::StateMarker> state_marker;
  std::unique_ptr<transport::StatePublisher> state_publisher;
  std::atomic<transport::StatePublisher*> publisher_for_commits{nullptr};
  std::unique_ptr<EventBus> bus;
  std::unique_ptr<EventBusSink> sink;
  std::unique_ptr<transport::TransportContext> ctx;
  std::unique_ptr<transport::SyncEngine> sync;
  std::unique_ptr<transport::RelationshipTemplates> templates;
  std::unique_ptr<transport::Tokens> tokens;
  std::unique_ptr<transport::Relationships> relationships;
  std::unique_ptr<transport::Files> files;
  std::unique_ptr<transport::Messages> messages;
  std::unique_ptr<consumption::ConsumptionContext> consumption;
  std::unique_ptr<consumption::AttributesController> attributes;
  std::unique_ptr<consumption::AttributeUseCases> attribute_use_cases;
  std::unique_ptr<consumption::IqlUseCases> iql_use_cases;
  std::unique_ptr<consumption::IdentityMetadataUseCases> identity_metadata_use_cases;
  std::unique_ptr<consumption::RequestItemProcessorRegistry> request_item_processors;
  std::unique_ptr<consumption::IncomingRequestsController> incoming_requests;
  std::unique_ptr<consumption::OutgoingRequestsController> outgoing_requests;
  std::unique_ptr<consumption::RequestUseCases> request_use_cases;
  std::unique_ptr<DeciderModule> decider;
  std::unique_ptr<RequestModule> request_module;
  std::unique_ptr<consumption::NotificationsController> notifications;
  std::unique_ptr<NotificationModule> notification_module;
  std::unique_ptr<consumption::NotifyPeerAboutOwnIdentityAttributeSuccession> notify_peer;
  std::unique_ptr<ConnectorHealth> health;
  std::unique_ptr<ConnectorApi> api;
  std::unique_ptr<http::Server> server;
  std::optional<WebhooksModule> webhooks;
  std::unique_ptr<AutoAcceptPendingRelationships> auto_accept;
  std::unique_ptr<AutoDecomposeDeletionProposedRelationships> auto_decompose;
  std::unique_ptr<SyncModule> sync_module;
  std::unique_ptr<SseModule> sse_module;
  std::string address;
};

ConnectorApp::ConnectorApp(config::ConnectorConfig config)
    : config_(std::move(config)), parts_(std::make_unique<Parts>()) {}

ConnectorApp::~ConnectorApp() { Stop(); }

void ConnectorApp::Start() {
  auto log = logging::GetLogger("ConnectorRuntime");
  auto& p = *parts_;
  {
    const auto db_config = ConnectorDatabaseConfig(config_);
    if (db_config.driver == "sqlite") std::filesystem::create_directories(config_.database.folder);
    // A killed predecessor's PostgreSQL session may take a moment to end: wait a little.
    p.instance_lock = storage::InstanceLock::Acquire(db_config, std::chrono::seconds(10));
  }
  {
    auto db = OpenConnectorDatabase(config_);
    MigrateConnectorSchema(*db, log);
    // Every change the Backbone also knows grows the state watermark in the same transaction.
    p.db = storage::StampWrites(std::move(db), transport::StateWatermark::MakeStamp([&p](std::int64_t watermark) {
      if (auto* publisher = p.publisher_for_commits.load()) publisher->Notify(watermark);
    }));
  }
  const bool has_identity = transport::Account::Exists(*p.db);
  auto key = transport::MasterKey::Resolve(ConnectorKeySettings(config_), !has_identity);
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

  // Before anything syncs or reacts: is this database older than what the Backbone knows?
  p.state_marker = std::make_unique<transport::StateMarker>(
      *p.backbone, p.account->DeriveKey(1, transport::StateMarker::kKeyContext));
  const auto published = EnforceCurrentDatabase(*p.db, *p.box, *p.state_marker, config_.database.acceptStaleState);
  p.state_publisher =
      std::make_unique<transport::StatePublisher>(*p.db, *p.state_marker, published, kStatePublishInterval);
  p.publisher_for_commits.store(p.state_publisher.get());
  // Catches up what a crashed predecessor committed but did not publish.
  p.state_publisher->Notify(transport::StateWatermark::Read(*p.db).watermark);

  p.bus = std::make_unique<EventBus>();
  p.sink = std::make_unique<EventBusSink>(*p.bus);
  p.tags = std::make_unique<transport::TagCollectionCache>(*p.backbone);
  p.ctx = std::make_unique<transport::TransportContext>(transport::TransportContext{
      *p.db, *p.backbone, *p.account, *p.box, *p.sink, config_.transport.baseUrl, *p.tags});
  p.sync = std::make_unique<transport::SyncEngine>(*p.ctx);
  p.templates = std::make_unique<transport::RelationshipTemplates>(*p.ctx);
  p.tokens = std::make_unique<transport::Tokens>(*p.ctx);
  p.relationships = std::make_unique<transport::Relationships>(*p.ctx, *p.templates);
  p.files = std::make_unique<transport::Files>(*p.ctx, *p.tokens);
  p.messages = std::make_unique<transport::Messages>(*p.ctx, *p.files);
  p.consumption = std::make_unique<consumption::ConsumptionContext>(
      consumption::ConsumptionContext{*p.db, p.account->address(), *p.sink, p.tags.get()});
  p.attributes = std::make_unique<consumption::AttributesController>(*p.consumption);
  p.attribute_use_cases = std::make_unique<consumption::AttributeUseCases>(*p.attributes);
  p.iql_use_cases = std::make_unique<consumption::IqlUseCases>(*p.attributes);
  p.identity_metadata_use_cases = std::make_unique<consumption::IdentityMetadataUseCases>(*p.consumption);
  // deleteIdentityMetadataReferencedWithPeer (ConsumptionController.cleanupDataOfDecomposedRelationship).
  p.relationships->AddDecompositionCleanup([](storage::Transaction& tx, const js::object& relationship) {
    consumption::IdentityMetadataStore::DeleteReferencedWithPeer(tx, relationship.at("peer").as_string());
  });
  p.templates->RegisterProcessors(*p.sync);
  p.relationships->RegisterProcessors(*p.sync);
  p.files->RegisterProcessors(*p.sync);
  p.messages->RegisterProcessors(*p.sync);
  p.relationships->AddDecompositionCleanup([&p](storage::Transaction& tx, const js::object& relationship) {
    p.messages->CleanupDecomposedRelationship(tx, std::string(relationship.at("id").as_string()));
  });
  // deleteAttributesExchangedWithPeer; its events go out once the decomposition committed.
  p.relationships->AddDecompositionCleanup([&p](storage::Transaction& tx, const js::object& relationship) {
    auto events = std::make_shared<transport::PendingEvents>();
    p.attributes->DeleteAttributesExchangedWithPeer(tx, std::string(relationship.at("peer").as_string()), *events);
    tx.AfterCommit([&p, events] { events->PublishTo(*p.sink); });
  });
  // Requests: the decider and request modules are mandatory (forceEnableMandatoryModules); their
  // transport hooks are in place before anything syncs or answers REST calls.
  p.request_item_processors = std::make_unique<consumption::RequestItemProcessorRegistry>(
      consumption::RequestItemProcessorRegistry::WithDefaultProcessors());
  consumption::RegisterAttributeRequestItemProcessors(*p.request_item_processors, *p.attributes, *p.files);
  p.incoming_requests =
      std::make_unique<consumption::IncomingRequestsController>(*p.consumption, *p.request_item_processors);
  p.outgoing_requests =
      std::make_unique<consumption::OutgoingRequestsController>(*p.consumption, *p.request_item_processors);
  p.request_use_cases =
      std::make_unique<consumption::RequestUseCases>(*p.consumption, *p.incoming_requests, *p.outgoing_requests);
  p.decider = std::make_unique<DeciderModule>(DeciderModule::FromConfig(*p.incoming_requests, config_.Module("decider")));
  p.request_module = std::make_unique<RequestModule>(*p.consumption, *p.incoming_requests, *p.outgoing_requests,
                                                     *p.decider, *p.messages, *p.relationships, *p.templates);
  p.request_module->Install();
  // Notifications: DELETE /Attributes/{id} (deleteAttributeAndNotify) sends them whatever the
  // modules say; the NotificationModule (enabled by default) records what is sent and receives and
  // processes what arrives, inside the message's transaction.
  p.notifications = std::make_unique<consumption::NotificationsController>(*p.attributes, p.account->device().id);
  p.attribute_use_cases->SetNotificationSender([&p](const std::string& peer, const js::object& item) {
    return consumption::SendNotification(*p.messages, peer, item);
  });
  p.attribute_use_cases->SetNotificationSenderWithId(
      [&p](const std::string& notification_id, const std::string& peer, const js::object& item) {
        consumption::SendNotificationWithId(*p.messages, notification_id, peer, item);
      });
  if (config_.ModuleEnabled("notification")) {
    p.notification_module = std::make_unique<NotificationModule>(*p.notifications);
    p.notification_module->Install(*p.messages);
  }
  p.notify_peer =
      std::make_unique<consumption::NotifyPeerAboutOwnIdentityAttributeSuccession>(*p.attributes, *p.messages);

  const auto key_settings = ConnectorKeySettings(config_);
  ConnectorHealthSources health{*p.db, options,
                                transport::DeviceCredentials{p.account->device().username, p.account->device_password()},
                                [&p] { return p.sync->LastSuccessfulSync(); }, key_settings.default_key_file.parent_path(),
                                [&p, key_settings] {
                                  try {
                                    return transport::MasterKey::Resolve(key_settings, false).bytes() ==
                                           p.box->key().bytes();
                                  } catch (const std::exception&) {
                                    return false;
                                  }
                                }};
  // A probe must answer within an orchestrator's probe timeout (Docker's official HEALTHCHECK: 5 s),
  // not the platform timeout of ordinary calls (60 s by default).
  health.backbone.timeout = std::min(health.backbone.timeout, std::chrono::milliseconds(4000));
  p.health = std::make_unique<ConnectorHealth>(std::move(health));
  p.api = std::make_unique<ConnectorApi>(ConnectorApiOptions::FromConfig(config_));
  AddConnectorMetrics(p.api->metrics(), *p.db, *p.sync);
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
    RegisterAttributeRoutes(*p.api, *p.attribute_use_cases);
    RegisterNotifyPeerRoute(*p.api, *p.notify_peer);
    RegisterIqlRoutes(*p.api, *p.iql_use_cases);
    RegisterIdentityMetadataRoutes(*p.api, *p.identity_metadata_use_cases);
    RegisterRequestRoutes(*p.api, *p.request_use_cases);
  }

  if (config_.ModuleEnabled("webhooks")) {
    WebhooksOptions webhook_options;
    webhook_options.stopTimeout = std::min(webhook_options.stopTimeout, StopBound(config_) / 6);
    p.webhooks.emplace(WebhooksModule::FromConfig(config_.Module("webhooks"), *p.bus, webhook_options));
    AddWebhookMetrics(p.api->metrics(), *p.webhooks);
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
    p.sse_module = std::make_unique<SseModule>(*p.sync, *p.backbone,
                                               SseModuleOptions::FromConfig(config_.Module("sse"), config_.debug));
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
    server_options.shutdown_grace = StopBound(config_) / 2;
    p.server = std::make_unique<http::Server>(
        server_options, [&p](http::Request& request) { return p.api->Handle(request); }, p.api->Renderer());
    p.server->Start();
  }
  if (p.webhooks) p.webhooks->Start();
  p.request_module->Start(*p.bus);
  if (p.auto_accept) p.auto_accept->Start();
  if (p.auto_decompose) p.auto_decompose->Start();
  if (p.sync_module) p.sync_module->Start();
  if (p.sse_module) p.sse_module->Start();
  p.bus->Publish(Event{"runtime.modulesStarted", std::nullopt, ""});
}

unsigned short ConnectorApp::port() const { return parts_->server ? parts_->server->port() : 0; }

const std::string& ConnectorApp::address() const { return parts_->address; }

bool ConnectorApp::Stop() {
  if (stopped_) return true;
  stopped_ = true;
  auto& p = *parts_;
  bool clean = true;
  const auto deadline = std::chrono::steady_clock::now() + StopBound(config_) - kStopCloseMargin;
  const auto time_left = [&deadline](std::chrono::milliseconds at_most) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return std::clamp(left, std::chrono::milliseconds(0), at_most);
  };
  if (p.sync_module) p.sync_module->Stop();
  if (p.sse_module) p.sse_module->Stop();
  if (p.auto_decompose) p.auto_decompose->Stop();
  if (p.auto_accept) p.auto_accept->Stop();
  if (p.request_module) p.request_module->Stop();
  if (p.server) clean = p.server->Stop() && clean;
  if (p.bus) clean = p.bus->Stop(time_left(std::chrono::seconds(10)) / 3) && clean;
  if (p.webhooks) p.webhooks->Stop();
  // Nothing writes any more: hand the last watermark to the Backbone, so the next start's check is exact.
  if (p.state_publisher) {
    if (!p.state_publisher->Flush(time_left(kStateFlushTimeout))) {
      logging::GetLogger("ConnectorRuntime")
          .Warn("the Backbone does not have this database's last state watermark yet (the next start publishes "
                "it); until then a restored backup missing only the latest changes would not be refused");
      clean = false;
    }
    p.publisher_for_commits.store(nullptr);
    p.state_publisher->Stop();
  }
  parts_ = std::make_unique<Parts>();  // closes the database last, after everything that uses it
  return clean;
}

}  // namespace nmshd::connector
