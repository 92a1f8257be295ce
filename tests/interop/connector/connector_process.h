#pragma once
// Runs the built `connector` executable (env NMSHD_CONNECTOR_BIN) for interop tests:
//
//   ConnectorProcess connector({.backbone_url = backbone.BaseUrl(), ...});
//   connector.Start();     // waits for "connector listening on http://127.0.0.1:<port>"
//   connector.Url();       // http://127.0.0.1:<port>
//
// Its configuration file (config.json in a fresh temp dir) carries the API key, the Backbone, the
// database and the master key file of that dir; `extra_config` is deep-merged over it. The database
// is SQLite in that dir, or with driver "postgres" (default when NMSHD_CONNECTOR_TEST_DRIVER=postgres,
// the "pg." test variants) a fresh schema on the server named by NMSHD_TEST_PG_URI_FILE, dropped at
// the end.
// Restarting keeps the dir, so the identity survives; SIGKILL tests use Kill().
#include <boost/json.hpp>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interop/backbone/child_process.h"

namespace nmshd::backbone::testing {
class BackboneProcess;
}

namespace nmshd::connector::testing {

inline constexpr const char* kApiKey = "This_is_a_test_APIKEY_with_30_chars+";

// "postgres" when NMSHD_CONNECTOR_TEST_DRIVER says so, else "sqlite".
std::string DefaultConnectorTestDriver();

struct ConnectorProcessOptions {
  std::string backbone_url;
  std::string driver = DefaultConnectorTestDriver();  // "sqlite" | "postgres"
  std::string client_id = "test";
  std::string client_secret = "test-secret";
  boost::json::object extra_config;
  std::string log_level = "DEBUG";
};

// The options for a connector on `backbone` (its URL and platform client); the rest as defaulted.
ConnectorProcessOptions ConnectorOptionsFor(const backbone::testing::BackboneProcess& backbone);

// A TCP port on 127.0.0.1 that was free a moment ago (for a webhook receiver of a test).
unsigned short FreeLoopbackPort();

// extra_config for a connector that posts every event matching `triggers` (e.g. "consumption.*")
// to http://127.0.0.1:<port>/hook (the webhooks module, one target "test").
boost::json::object WebhooksToLoopback(unsigned short port, std::string_view triggers);

// The usual end-to-end test of a Node flow script next to our connector: a fresh Backbone, a
// connector on it posting the events matching `triggers` by webhook to the script, the script run
// with <connectorUrl> <apiKey> <backboneUrl> <clientId> <clientSecret> <webhookPort>, every
// `required` step checked (ExpectFlowPassed), and a clean stop. `adjust` may change the connector's
// options (e.g. add modules) before it starts.
void RunFlowNextToConnector(const std::string& script, std::initializer_list<const char*> required,
                            const std::function<void(ConnectorProcessOptions&)>& adjust = {},
                            std::string_view triggers = "consumption.*");

class ConnectorProcess {
 public:
  explicit ConnectorProcess(ConnectorProcessOptions options);
  ~ConnectorProcess();
  ConnectorProcess(const ConnectorProcess&) = delete;
  ConnectorProcess& operator=(const ConnectorProcess&) = delete;

  // First start: port 0 -> ephemeral; later starts reuse it. Waits up to 60 s. Throws with the log
  // tail when the connector exits or does not get ready.
  void Start();
  // SIGTERM, wait up to 20 s; the exit code.
  int Stop();
  // SIGKILL, no cleanup.
  void Kill();
  bool running() const { return process_ != nullptr; }
  // Arguments after `start --config <file>` from the next Start() on (e.g. {"--accept-stale-database"}).
  void SetExtraArgs(std::vector<std::string> args) { extra_args_ = std::move(args); }

  unsigned short port() const { return port_; }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& dir() const { return dir_; }
  std::string LogTail(std::size_t max_bytes = 8000) const;

 private:
  void WriteConfig();
  ConnectorProcessOptions options_;
  std::filesystem::path dir_;
  std::string pg_uri_;
  std::string pg_schema_;
  unsigned short port_ = 0;
  std::vector<std::string> extra_args_;
  std::unique_ptr<backbone::testing::ChildProcess> process_;
};

}  // namespace nmshd::connector::testing
