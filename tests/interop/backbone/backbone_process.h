#pragma once
// Runs the built `backbone` executable (env NMSHD_BACKBONE_BIN) for interop tests, and the Node
// peers against it. Reusable by every test of this folder:
//
//   BackboneProcess backbone;                  // sqlite in a fresh temp dir, didDomainName localhost
//   backbone.Start();                          // waits for "backbone listening on …"
//   auto run = RunNodePeer("register_and_sync.js",
//                          {backbone.BaseUrl(), backbone.client_id(), backbone.client_secret()},
//                          [&] { backbone.Restart(); });
//   EXPECT_EQ(run.exit_code, 0) << run.output << backbone.LogTail();
//
// Options choose the database (sqlite | postgres: a fresh schema on the server named by
// NMSHD_TEST_PG_URI_FILE, dropped at the end) and any extra configuration (deep-merged over the
// generated file). The temp dir (config.json, backbone.log, backbone.stderr, the SQLite file) is
// removed on destruction unless NMSHD_KEEP_TEST_DIRS is set.
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interop/backbone/child_process.h"

namespace nmshd::backbone::testing {

struct BackboneProcessOptions {
  std::string driver = "sqlite";  // "sqlite" | "postgres"
  std::string did_domain_name = "localhost";
  std::string client_id = "test";
  std::string client_secret = "test-secret";
  std::string log_level = "DEBUG";
  // Deep-merged over the generated configuration (e.g. {"authentication":{"lockoutMinutes":1}}).
  boost::json::object extra_config;
};

class BackboneProcess {
 public:
  explicit BackboneProcess(BackboneProcessOptions options = {});
  ~BackboneProcess();
  BackboneProcess(const BackboneProcess&) = delete;
  BackboneProcess& operator=(const BackboneProcess&) = delete;

  // Starts the server (first start: port 0 -> ephemeral; later starts reuse the port) and waits up
  // to 60 s for the ready line. Throws std::runtime_error with the log tail on failure.
  void Start();
  // SIGTERM and wait (10 s, then SIGKILL); returns the exit code (0 after a graceful stop).
  int Stop();
  // Stop + Start on the same port and database: everything in memory (access tokens) is lost.
  void Restart();

  unsigned short port() const { return port_; }
  // The running server's process id (-1 when stopped), e.g. to SIGSTOP it as an unresponsive Backbone.
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  // http://<didDomainName>:<port> — the hostname must be the address domain (clients derive it).
  std::string BaseUrl() const;
  const std::string& client_id() const { return options_.client_id; }
  const std::string& client_secret() const { return options_.client_secret; }
  const std::filesystem::path& dir() const { return dir_; }
  // The last `max_bytes` of backbone.log and backbone.stderr, for failure messages.
  std::string LogTail(std::size_t max_bytes = 8000) const;

 private:
  void WriteConfig();

  BackboneProcessOptions options_;
  std::filesystem::path dir_;
  std::string pg_uri_;
  std::string pg_schema_;
  unsigned short port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

struct NodeRun {
  int exit_code = -1;
  std::string output;  // stdout lines of the script (stderr is in the returned stderr file)
  std::string stderr_tail;
};

// Runs `node <script> <args…>` in tests/interop/backbone (node: env NMSHD_NODE or PATH). When the
// script prints "@@restart-backbone", calls on_restart() and answers "@@restarted". Kills the
// script after `timeout`.
NodeRun RunNodePeer(const std::string& script, const std::vector<std::string>& args,
                    const std::function<void()>& on_restart = {},
                    std::chrono::seconds timeout = std::chrono::seconds(600));

// The "STEP <name> OK|FAILED …" lines of a peer's output (peer_common.js): name -> the rest of
// the line ("OK", "OK <detail>", "FAILED <reason>"). No std::regex: g++ 12 reports a false
// -Wmaybe-uninitialized inside <regex> at -O1 with sanitizers, which -Werror turns into an error.
std::map<std::string, std::string> ParseSteps(const std::string& output);

// The checks of a flow script's test (GoogleTest EXPECTs): every reported step OK, every `required`
// step reported, exit code 0. `context` (e.g. a connector's log tail) goes into the failure messages.
void ExpectFlowPassed(const NodeRun& run, std::initializer_list<const char*> required, const std::string& context = "");

// One HTTP/1.1 exchange over a plain TCP socket to 127.0.0.1:<port> with "Connection: close":
// sends `method target` with `body`, returns the status code and the whole raw response (headers
// and body). Throws std::runtime_error when the connection fails.
struct RawHttpResponse {
  int status = 0;
  std::string raw;
  std::string body;
};
RawHttpResponse HttpExchange(unsigned short port, const std::string& method, const std::string& target,
                             const std::string& body = "", const std::string& content_type = "application/json");

// The last `max_bytes` of a file ("" when unreadable), for failure messages.
std::string ReadFileTail(const std::filesystem::path& file, std::size_t max_bytes);
// Deep-merges `overlay` into `base` (objects merge, anything else replaces), for extra_config.
void MergeJson(boost::json::object& base, const boost::json::object& overlay);

// Reads the child's stdout until a line "<ready_prefix>…:<port>" and returns the port; nullopt when
// the child exits or `timeout` passes first.
std::optional<unsigned short> WaitForReadyLine(ChildProcess& process, std::string_view ready_prefix,
                                               std::chrono::seconds timeout);

// The PostgreSQL server of the pg fixture: its URI from the file NMSHD_TEST_PG_URI_FILE names
// (throws when there is none), and dropping a test's schema at the end (errors ignored: a
// throwaway server).
std::string ReadTestPgUri();
void DropPgSchema(const std::string& uri, const std::string& schema);

// The source dir (env NMSHD_SOURCE_DIR) and a fresh temp directory.
std::filesystem::path SourceDir();
std::filesystem::path MakeTempDir(const std::string& prefix);

}  // namespace nmshd::backbone::testing
