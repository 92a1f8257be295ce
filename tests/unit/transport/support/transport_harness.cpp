#include "transport/support/transport_harness.h"

#include <thread>

#include "config/backbone_config.h"
#include "crypto/random.h"
#include "storage/open_database.h"

namespace nmshd::transport::testing {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;

fs::path FreshDir(const std::string& what) {
  auto dir = fs::temp_directory_path() /
             ("nmshd-transport-" + what + "-" + crypto::RandomString(10, "abcdefghijklmnopqrstuvwxyz"));
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TestBackbone::TestBackbone() : dir_(FreshDir("backbone")) { StartApp(0); }

void TestBackbone::StartApp(unsigned short port) {
  js::object cfg = config::BackboneDefaults();
  cfg["platformClients"] = js::array{js::object{{"clientId", kClientId}, {"clientSecret", kClientSecret}}};
  cfg["logging"].as_object()["categories"].as_object()["default"].as_object()["level"] = "OFF";
  cfg["database"] = js::object{{"driver", "sqlite"}, {"folder", dir_.string()}, {"dbName", "backbone"}};
  auto& http = cfg["httpServer"].as_object();
  http["port"] = port;
  app_ = std::make_unique<backbone::BackboneApp>(config::ValidateBackboneConfig(cfg));
  app_->Start();
}

void TestBackbone::Restart(std::chrono::milliseconds down_for) {
  const auto port = app_->port();
  app_->Stop();
  app_.reset();
  std::this_thread::sleep_for(down_for);
  StartApp(port);
}

TestBackbone::~TestBackbone() {
  app_->Stop();
  app_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string TestBackbone::base_url() const { return "http://localhost:" + std::to_string(app_->port()); }

void RecordingEventSink::Publish(TransportEvent event) {
  std::lock_guard lock(mutex_);
  events_.push_back(std::move(event));
}

std::vector<TransportEvent> RecordingEventSink::Events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

std::vector<std::string> RecordingEventSink::Names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  for (const auto& e : events_) names.push_back(e.name);
  return names;
}

std::size_t RecordingEventSink::Count(const std::string& name) const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& e : events_) n += e.name == name ? 1 : 0;
  return n;
}

void RecordingEventSink::Clear() {
  std::lock_guard lock(mutex_);
  events_.clear();
}

TestIdentity::TestIdentity(TestBackbone& backbone, const std::string& name) : dir_(FreshDir(name)) {
  storage::DatabaseConfig db;
  db.driver = "sqlite";
  db.path = (dir_ / "connector.db").string();
  db_ = storage::OpenDatabase(db);
  BackboneClientOptions options;
  options.base_url = backbone.base_url();
  options.client_id = kClientId;
  options.client_secret = kClientSecret;
  options.timeout = std::chrono::milliseconds(20000);
  client_ = std::make_unique<BackboneClient>(options);
  box_ = std::make_unique<SecretBox>(MasterKey::Generate());
  AccountOptions account_options{true, "localhost", kClientId, kClientSecret};
  account_ = std::make_unique<Account>(Account::OpenOrRegister(*db_, *box_, *client_, account_options));
  tags_ = std::make_unique<TagCollectionCache>(*client_);
  ctx_ = std::make_unique<TransportContext>(
      TransportContext{*db_, *client_, *account_, *box_, events_, backbone.base_url(), *tags_});
}

TestIdentity::~TestIdentity() {
  ctx_.reset();
  account_.reset();
  client_.reset();
  db_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

}  // namespace nmshd::transport::testing
