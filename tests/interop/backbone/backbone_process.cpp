#include "interop/backbone/backbone_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "base/js_json.h"
#include "crypto/random.h"

namespace nmshd::backbone::testing {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

}  // namespace

std::string ReadFileTail(const fs::path& file, std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = ss.str();
  return s.size() > max_bytes ? "…" + s.substr(s.size() - max_bytes) : s;
}

void MergeJson(json::object& base, const json::object& overlay) {
  for (const auto& kv : overlay) {
    auto* existing = base.if_contains(kv.key());
    if (existing && existing->is_object() && kv.value().is_object()) {
      MergeJson(existing->get_object(), kv.value().get_object());
    } else {
      base[kv.key()] = kv.value();
    }
  }
}

std::optional<unsigned short> WaitForReadyLine(ChildProcess& process, std::string_view ready_prefix,
                                               std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto line = process.ReadLine(1s);
    if (!line) {
      if (!process.running() || process.Wait(0ms)) break;
      continue;
    }
    auto colon = line->rfind(':');
    if (line->rfind(ready_prefix, 0) == 0 && colon != std::string::npos && colon + 1 < line->size()) {
      return static_cast<unsigned short>(std::stoi(line->substr(colon + 1)));
    }
  }
  return std::nullopt;
}

fs::path SourceDir() {
  auto dir = Env("NMSHD_SOURCE_DIR");
  return dir.empty() ? fs::path(".") : fs::path(dir);
}

fs::path MakeTempDir(const std::string& prefix) {
  auto dir = fs::temp_directory_path() / (prefix + crypto::RandomString(10, "abcdefghijklmnopqrstuvwxyz0123456789"));
  fs::create_directories(dir);
  return dir;
}

std::string ReadTestPgUri() {
  const auto uri_file = Env("NMSHD_TEST_PG_URI_FILE");
  std::ifstream in(uri_file);
  std::string uri;
  std::getline(in, uri);
  if (uri.empty()) throw std::runtime_error("postgres: no URI in NMSHD_TEST_PG_URI_FILE='" + uri_file + "'");
  return uri;
}

void DropPgSchema(const std::string& uri, const std::string& schema) {
  try {
    pqxx::connection c(uri);
    pqxx::work w(c);
    w.exec("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    w.commit();
  } catch (const std::exception&) {
    // a throwaway server; nothing else to do
  }
}

BackboneProcess::BackboneProcess(BackboneProcessOptions options) : options_(std::move(options)) {
  dir_ = MakeTempDir("nmshd-backbone-");
  if (options_.driver == "postgres") {
    pg_uri_ = ReadTestPgUri();
    pg_schema_ = "bb_" + crypto::RandomString(12, "abcdefghijklmnopqrstuvwxyz0123456789");
  }
}

BackboneProcess::~BackboneProcess() {
  if (process_) Stop();
  if (!pg_schema_.empty()) DropPgSchema(pg_uri_, pg_schema_);
  if (Env("NMSHD_KEEP_TEST_DIRS").empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

void BackboneProcess::WriteConfig() {
  json::object database;
  if (options_.driver == "postgres") {
    database = {{"driver", "postgres"}, {"connectionString", pg_uri_}, {"schema", pg_schema_}};
  } else {
    database = {{"driver", "sqlite"}, {"folder", (dir_ / "data").string()}, {"dbName", "backbone"}};
  }
  json::object config{
      {"httpServer", {{"address", "127.0.0.1"}, {"port", port_}}},
      {"didDomainName", options_.did_domain_name},
      {"platformClients", json::array{json::object{{"clientId", options_.client_id}, {"clientSecret", options_.client_secret}}}},
      {"database", database},
      {"logging",
       {{"appenders", {{"file", {{"type", "file"}, {"filename", (dir_ / "backbone.log").string()}}}}},
        {"categories", {{"default", {{"appenders", json::array{"file"}}, {"level", options_.log_level}}}}}}}};
  MergeJson(config, options_.extra_config);
  std::ofstream(dir_ / "config.json") << nmshd::json::Stringify(config);
}

void BackboneProcess::Start() {
  if (process_) throw std::runtime_error("backbone already running");
  auto bin = Env("NMSHD_BACKBONE_BIN");
  if (bin.empty()) throw std::runtime_error("NMSHD_BACKBONE_BIN is not set");
  WriteConfig();
  ChildOptions child;
  child.argv = {bin, "--config", (dir_ / "config.json").string()};
  child.cwd = dir_;
  child.stderr_file = dir_ / "backbone.stderr";
  process_ = std::make_unique<ChildProcess>(child);
  if (auto port = WaitForReadyLine(*process_, "backbone listening on http://", 60s)) {
    port_ = *port;
    return;
  }
  auto code = process_->Terminate(SIGKILL, 5s);
  process_.reset();
  throw std::runtime_error("backbone did not get ready (exit code " + std::to_string(code) + ")\n" + LogTail());
}

int BackboneProcess::Stop() {
  if (!process_) return 0;
  int code = process_->Terminate(SIGTERM, 10s);
  process_.reset();
  return code;
}

void BackboneProcess::Restart() {
  int code = Stop();
  if (code != 0) throw std::runtime_error("backbone stopped with exit code " + std::to_string(code) + "\n" + LogTail());
  Start();
}

std::string BackboneProcess::BaseUrl() const {
  return "http://" + options_.did_domain_name + ":" + std::to_string(port_);
}

std::string BackboneProcess::LogTail(std::size_t max_bytes) const {
  return "--- backbone.log:\n" + ReadFileTail(dir_ / "backbone.log", max_bytes) + "\n--- backbone.stderr:\n" +
         ReadFileTail(dir_ / "backbone.stderr", max_bytes);
}

void ExpectFlowPassed(const NodeRun& run, std::initializer_list<const char*> required, const std::string& context) {
  const auto steps = ParseSteps(run.output);
  for (const auto& [name, result] : steps) EXPECT_EQ(result.rfind("OK", 0), 0u) << name << ": " << result;
  for (const char* step : required) {
    EXPECT_TRUE(steps.count(step)) << "step " << step << " did not run\n" << run.output;
  }
  EXPECT_EQ(run.exit_code, 0) << run.output << "\n" << run.stderr_tail << "\n" << context;
}

std::map<std::string, std::string> ParseSteps(const std::string& output) {
  std::map<std::string, std::string> steps;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("STEP ", 0) != 0) continue;
    auto name_end = line.find(' ', 5);
    if (name_end == std::string::npos) continue;
    steps[line.substr(5, name_end - 5)] = line.substr(name_end + 1);
  }
  return steps;
}

RawHttpResponse HttpExchange(unsigned short port, const std::string& method, const std::string& target,
                             const std::string& body, const std::string& content_type) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("cannot connect to port " + std::to_string(port));
  }
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!body.empty()) request += "Content-Type: " + content_type + "\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  std::size_t sent = 0;
  while (sent < request.size()) {
    auto n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer (413) and close before the body is sent
    sent += static_cast<std::size_t>(n);
  }
  RawHttpResponse response;
  char chunk[4096];
  for (;;) {
    auto n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    response.raw.append(chunk, static_cast<std::size_t>(n));
  }
  close(fd);
  if (response.raw.rfind("HTTP/1.1 ", 0) == 0 && response.raw.size() >= 12) {
    response.status = std::stoi(response.raw.substr(9, 3));
  }
  auto end = response.raw.find("\r\n\r\n");
  if (end != std::string::npos) response.body = response.raw.substr(end + 4);
  return response;
}

NodeRun RunNodePeer(const std::string& script, const std::vector<std::string>& args,
                    const std::function<void()>& on_restart, std::chrono::seconds timeout) {
  auto node = Env("NMSHD_NODE");
  if (node.empty()) node = "node";
  const auto dir = MakeTempDir("nmshd-node-peer-");
  ChildOptions child;
  child.argv = {node, (SourceDir() / "tests/interop/backbone" / script).string()};
  child.argv.insert(child.argv.end(), args.begin(), args.end());
  child.cwd = SourceDir() / "tests/interop/backbone";
  child.stderr_file = dir / "node.stderr";
  child.pipe_stdin = true;
  ChildProcess process(child);
  NodeRun run;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto line = process.ReadLine(1s);
    if (!line) {
      if (process.Wait(0ms)) {
        // drain what is left
        while (auto rest = process.ReadLine(100ms)) run.output += *rest + "\n";
        break;
      }
      std::this_thread::sleep_for(10ms);
      continue;
    }
    run.output += *line + "\n";
    if (*line == "@@restart-backbone") {
      try {
        if (on_restart) on_restart();
        process.WriteLine("@@restarted");
      } catch (const std::exception& e) {
        run.output += std::string("restart failed: ") + e.what() + "\n";
        process.WriteLine("@@restart-failed");
      }
    }
  }
  auto code = process.Wait(0ms);
  run.exit_code = code ? *code : process.Terminate(SIGKILL, 5s);
  run.stderr_tail = ReadFileTail(dir / "node.stderr", 8000);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return run;
}

}  // namespace nmshd::backbone::testing
