#include "interop/connector/connector_process.h"

#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "base/js_json.h"
#include "interop/backbone/backbone_process.h"

namespace nmshd::connector::testing {

namespace fs = std::filesystem;
namespace js = boost::json;
using namespace std::chrono_literals;

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

}  // namespace

ConnectorProcessOptions ConnectorOptionsFor(const backbone::testing::BackboneProcess& backbone) {
  ConnectorProcessOptions options;
  options.backbone_url = backbone.BaseUrl();
  options.client_id = backbone.client_id();
  options.client_secret = backbone.client_secret();
  return options;
}

boost::json::object WebhooksToLoopback(unsigned short port, std::string_view triggers) {
  namespace js = boost::json;
  return js::object{
      {"modules",
       {{"webhooks",
         {{"enabled", true},
          {"targets", {{"test", {{"url", "http://127.0.0.1:" + std::to_string(port) + "/hook"}}}}},
          {"webhooks", js::array{js::object{{"triggers", js::array{js::string(triggers)}}, {"target", "test"}}}}}}}}};
}

unsigned short FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  close(fd);
  if (!ok) throw std::runtime_error("no free loopback port");
  return ntohs(addr.sin_port);
}

std::string DefaultConnectorTestDriver() {
  return Env("NMSHD_CONNECTOR_TEST_DRIVER") == "postgres" ? "postgres" : "sqlite";
}

ConnectorProcess::ConnectorProcess(ConnectorProcessOptions options)
    : options_(std::move(options)), dir_(backbone::testing::MakeTempDir("nmshd-connector-")) {
  if (options_.driver == "postgres") {
    pg_uri_ = backbone::testing::ReadTestPgUri();
    pg_schema_ = "cn_" + dir_.filename().string().substr(std::string("nmshd-connector-").size());
  }
}

ConnectorProcess::~ConnectorProcess() {
  if (process_) Stop();
  if (!pg_schema_.empty()) backbone::testing::DropPgSchema(pg_uri_, pg_schema_);
  if (Env("NMSHD_KEEP_TEST_DIRS").empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

void ConnectorProcess::WriteConfig() {
  js::object config{
      {"debug", false},
      {"transportLibrary",
       {{"baseUrl", options_.backbone_url},
        {"platformClientId", options_.client_id},
        {"platformClientSecret", options_.client_secret}}},
      {"database", options_.driver == "postgres"
                       ? js::object{{"driver", "postgres"}, {"connectionString", pg_uri_},
                                    {"folder", (dir_ / "data").string()}, {"dbName", pg_schema_}}
                       : js::object{{"driver", "sqlite"}, {"folder", (dir_ / "data").string()}, {"dbName", "connector"}}},
      {"infrastructure",
       {{"httpServer",
         {{"port", port_},
          {"address", "127.0.0.1"},
          {"authentication", {{"apiKey", {{"keys", {{"default", {{"key", kApiKey}}}}}}}}}}}}},
      {"logging",
       {{"appenders", {{"file", {{"type", "file"}, {"filename", (dir_ / "connector.log").string()}}}}},
        {"categories", {{"default", {{"appenders", js::array{"file"}}, {"level", options_.log_level}}}}}}}};
  backbone::testing::MergeJson(config, options_.extra_config);
  std::ofstream(dir_ / "config.json") << nmshd::json::Stringify(config);
}

void ConnectorProcess::Start() {
  if (process_) throw std::runtime_error("connector already running");
  auto bin = Env("NMSHD_CONNECTOR_BIN");
  if (bin.empty()) throw std::runtime_error("NMSHD_CONNECTOR_BIN is not set");
  WriteConfig();
  backbone::testing::ChildOptions child;
  child.argv = {bin, "start", "--config", (dir_ / "config.json").string()};
  child.argv.insert(child.argv.end(), extra_args_.begin(), extra_args_.end());
  child.cwd = dir_;
  child.stderr_file = dir_ / "connector.stderr";
  process_ = std::make_unique<backbone::testing::ChildProcess>(child);
  if (auto port = backbone::testing::WaitForReadyLine(*process_, "connector listening on http://", 60s)) {
    port_ = *port;
    return;
  }
  auto code = process_->Terminate(SIGKILL, 5s);
  process_.reset();
  throw std::runtime_error("connector did not get ready (exit code " + std::to_string(code) + ")\n" + LogTail());
}

int ConnectorProcess::Stop() {
  if (!process_) return 0;
  int code = process_->Terminate(SIGTERM, 20s);
  process_.reset();
  return code;
}

void ConnectorProcess::Kill() {
  if (!process_) return;
  process_->Terminate(SIGKILL, 5s);
  process_.reset();
}

std::string ConnectorProcess::LogTail(std::size_t max_bytes) const {
  return "--- connector.log:\n" + backbone::testing::ReadFileTail(dir_ / "connector.log", max_bytes) + "\n--- connector.stderr:\n" +
         backbone::testing::ReadFileTail(dir_ / "connector.stderr", max_bytes);
}

void RunFlowNextToConnector(const std::string& script, std::initializer_list<const char*> required,
                            const std::function<void(ConnectorProcessOptions&)>& adjust, std::string_view triggers) {
  backbone::testing::BackboneProcess backbone;
  backbone.Start();
  const auto webhook_port = FreeLoopbackPort();
  auto options = ConnectorOptionsFor(backbone);
  options.extra_config = WebhooksToLoopback(webhook_port, triggers);
  if (adjust) adjust(options);
  ConnectorProcess connector(options);
  connector.Start();

  const auto run = backbone::testing::RunNodePeer(
      script, {connector.Url(), kApiKey, backbone.BaseUrl(), backbone.client_id(), backbone.client_secret(),
               std::to_string(webhook_port)});
  backbone::testing::ExpectFlowPassed(run, required, connector.LogTail());
  EXPECT_EQ(connector.Stop(), 0) << connector.LogTail();
}

}  // namespace nmshd::connector::testing
