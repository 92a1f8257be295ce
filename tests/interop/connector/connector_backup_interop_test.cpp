// Backup, restore, verify and check of the real executables (README "Backup, restore, check"):
//   * `connector backup` while the connector serves requests; `restore` into a fresh place; a
//     connector started there is the same identity with the same messages and keeps working;
//   * the newest backup, restored with --force over its own database, starts without the stale
//     override and holds every message of both directions;
//   * `verify` / `restore` refuse wrong passphrases, damaged, truncated and foreign files, a running
//     connector, a missing master key and a database with data (unless --force);
//   * `connector check` finds a corrupted key, an expired token and a full disk, each with a non-zero
//     exit and a line naming it; `--cleanup` removes the token;
//   * `backbone backup` while the backbone serves, `restore --force` brings back exactly that state.
// With NMSHD_CONNECTOR_TEST_DRIVER=postgres (the "pg." variants) connectors and the backbone keep
// their data in PostgreSQL schemas.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "base/iso_date.h"
#include "base/js_json.h"
#include "interop/backbone/backbone_process.h"
#include "interop/connector/connector_cli.h"
#include "interop/connector/connector_process.h"

namespace nmshd::connector::testing {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;
using backbone::testing::BackboneProcess;
using backbone::testing::BackboneProcessOptions;
using namespace std::chrono_literals;

constexpr const char* kPassphrase = "backup passphrase for the interop test";

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

CliRun Connector(const std::vector<std::string>& args, const fs::path& cwd,
                 std::map<std::string, std::string> env = {{"CONNECTOR_BACKUP_PASSPHRASE", kPassphrase}}) {
  std::vector<std::string> argv{Env("NMSHD_CONNECTOR_BIN")};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCli(argv, cwd, std::move(env));
}

CliRun Backbone(const std::vector<std::string>& args, const fs::path& cwd) {
  std::vector<std::string> argv{Env("NMSHD_BACKBONE_BIN")};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCli(argv, cwd, {{"BACKBONE_BACKUP_PASSPHRASE", kPassphrase}});
}

std::string Config(const ConnectorProcess& connector) { return (connector.dir() / "config.json").string(); }

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The output line that starts with `prefix`, or "".
std::string LineStartingWith(const std::string& output, const std::string& prefix) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

std::string InOneHour() { return FormatIsoUtc(NowMs() + std::chrono::hours(1)); }

// The connector's REST API (one client per thread).
class Rest {
 public:
  explicit Rest(const std::string& url) : client_(url) {
    client_.set_read_timeout(60, 0);
    client_.set_connection_timeout(10, 0);
  }

  std::pair<int, js::value> Call(const std::string& method, const std::string& path,
                                 const std::optional<js::value>& body = std::nullopt) {
    const httplib::Headers headers{{"X-API-KEY", kApiKey}};
    const std::string full = "/api/core/v1" + path;
    const std::string text = body ? nmshd::json::Stringify(*body) : std::string();
    httplib::Result result = method == "GET"    ? client_.Get(full, headers)
                             : method == "POST" ? client_.Post(full, headers, text, "application/json")
                             : method == "PUT"  ? client_.Put(full, headers, text, "application/json")
                                                : client_.Delete(full, headers);
    if (!result) return {0, nullptr};
    js::value parsed = nullptr;
    if (!result->body.empty()) {
      boost::system::error_code ec;
      parsed = js::parse(result->body, ec);
      if (ec) parsed = js::string(result->body);
    }
    return {result->status, parsed};
  }

  // The envelope's result; throws with the answer when the status is not `expected`.
  js::value Ok(const std::string& method, const std::string& path, const std::optional<js::value>& body = std::nullopt,
               int expected = 0) {
    if (expected == 0) expected = method == "POST" ? 201 : 200;
    auto [status, answer] = Call(method, path, body);
    if (status != expected) {
      throw std::runtime_error(method + " " + path + ": " + std::to_string(status) + " " +
                               nmshd::json::Stringify(answer));
    }
    if (answer.is_object() && answer.as_object().contains("result")) return answer.as_object().at("result");
    return answer;
  }

 private:
  httplib::Client client_;
};

std::string AddressOf(Rest& rest) {
  return std::string(rest.Ok("GET", "/Account/IdentityInfo").at("address").as_string());
}

// An active relationship from `b` to `a` over both REST APIs (a templates, b requests, a accepts).
void Relate(Rest& a, Rest& b) {
  const auto tmpl = a.Ok("POST", "/RelationshipTemplates/Own",
                         js::object{{"content", {{"@type", "ArbitraryRelationshipTemplateContent"}, {"value", js::object{}}}},
                                    {"expiresAt", InOneHour()}});
  const std::string reference(tmpl.at("reference").at("truncated").as_string());
  const std::string template_id(tmpl.at("id").as_string());
  b.Ok("POST", "/RelationshipTemplates/Peer", js::object{{"reference", reference}});
  const auto relationship = b.Ok(
      "POST", "/Relationships",
      js::object{{"templateId", template_id},
                 {"creationContent", {{"@type", "ArbitraryRelationshipCreationContent"}, {"value", js::object{}}}}});
  const std::string id(relationship.at("id").as_string());
  a.Ok("POST", "/Account/Sync", js::object{}, 204);
  a.Ok("PUT", "/Relationships/" + id + "/Accept", js::object{});
  b.Ok("POST", "/Account/Sync", js::object{}, 204);
}

void SendMail(Rest& from, const std::string& to, const std::string& subject) {
  from.Ok("POST", "/Messages",
          js::object{{"recipients", js::array{to}},
                     {"content", {{"@type", "Mail"}, {"to", js::array{to}}, {"subject", subject}, {"body", "text"}}}});
}

// id -> subject of the messages `rest` has received from `sender`.
std::map<std::string, std::string> MessagesFrom(Rest& rest, const std::string& sender) {
  std::map<std::string, std::string> out;
  const auto messages = rest.Ok("GET", "/Messages");
  for (const auto& m : messages.as_array()) {
    const auto& o = m.as_object();
    if (o.at("createdBy").as_string() != sender) continue;
    out[std::string(o.at("id").as_string())] = std::string(o.at("content").at("subject").as_string());
  }
  return out;
}

ConnectorProcessOptions OptionsFor(const BackboneProcess& backbone) {
  auto options = ConnectorOptionsFor(backbone);
  options.log_level = "INFO";
  return options;
}

// A PostgreSQL schema the test names itself (for a restore target), dropped at the end.
class OwnSchema {
 public:
  OwnSchema() {
    if (DefaultConnectorTestDriver() != "postgres") return;
    uri_ = backbone::testing::ReadTestPgUri();
    name_ = "rs_" + std::to_string(std::random_device{}() % 1000000000u);
  }
  ~OwnSchema() {
    if (!name_.empty()) backbone::testing::DropPgSchema(uri_, name_);
  }
  // What a ConnectorProcess needs to use this database (nothing for SQLite: its own folder).
  js::object Override() const {
    if (name_.empty()) return {};
    return js::object{{"database", {{"dbName", name_}}}};
  }
  // The "database" section for a connector whose files live in `dir`.
  js::object Database(const fs::path& dir) const {
    if (name_.empty()) {
      return js::object{{"driver", "sqlite"}, {"folder", (dir / "data").string()}, {"dbName", "connector"}};
    }
    return js::object{{"driver", "postgres"}, {"connectionString", uri_}, {"folder", (dir / "data").string()},
                      {"dbName", name_}};
  }

 private:
  std::string uri_;
  std::string name_;
};

// `connector`'s config for another database location: the source's file with `database` replaced.
fs::path WriteConfigWithDatabase(const ConnectorProcess& source, const fs::path& dir, const js::object& database) {
  std::ifstream in(Config(source));
  std::stringstream text;
  text << in.rdbuf();
  auto config = js::parse(text.str()).as_object();
  config["database"] = database;
  const auto path = dir / "restore-config.json";
  std::ofstream(path) << nmshd::json::Stringify(config);
  return path;
}

// The master key file of a connector (sqlite: next to the database; postgres: ./data of its dir).
fs::path KeyFileOf(const ConnectorProcess& connector) {
  for (const auto& entry : fs::directory_iterator(connector.dir() / "data")) {
    if (entry.path().extension() == ".masterkey") return entry.path();
  }
  return {};
}

TEST(ConnectorBackup, OnlineBackupWhileServingRestoresTheIdentityAndItsMessagesElsewhere) {
  BackboneProcess backbone;
  backbone.Start();
  ConnectorProcess a(OptionsFor(backbone));
  ConnectorProcess b(OptionsFor(backbone));
  a.Start();
  b.Start();
  Rest rest_a(a.Url());
  Rest rest_b(b.Url());
  const auto address_a = AddressOf(rest_a);
  const auto address_b = AddressOf(rest_b);
  Relate(rest_a, rest_b);
  for (int i = 0; i < 3; ++i) SendMail(rest_b, address_a, "before backup " + std::to_string(i));
  rest_a.Ok("POST", "/Account/Sync", js::object{}, 204);
  const auto messages = MessagesFrom(rest_a, address_b);
  ASSERT_EQ(messages.size(), 3u);

  // Both backups run while three clients keep reading from the connector.
  std::atomic<bool> stop{false};
  std::atomic<int> served{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (const char* path : {"/Messages", "/Relationships", "/Account/IdentityInfo"}) {
    clients.emplace_back([&, path] {
      Rest rest(a.Url());
      while (!stop) (rest.Call("GET", path).first == 200 ? served : failed)++;
    });
  }
  while (served < 30) std::this_thread::sleep_for(10ms);
  const int served_before = served;
  const auto plain = a.dir() / "plain.nmshdbak";
  const auto with_key = a.dir() / "with-key.nmshdbak";
  const auto backup_plain = Connector({"backup", plain.string(), "--config", Config(a)}, a.dir());
  const auto backup_with_key =
      Connector({"backup", with_key.string(), "--include-master-key", "--config", Config(a)}, a.dir());
  const int served_during = served - served_before;
  stop = true;
  for (auto& t : clients) t.join();
  ASSERT_EQ(backup_plain.exit_code, 0) << backup_plain.output << a.LogTail();
  ASSERT_EQ(backup_with_key.exit_code, 0) << backup_with_key.output << a.LogTail();
  EXPECT_TRUE(Contains(backup_plain.output, "backup written: " + plain.string())) << backup_plain.output;
  EXPECT_TRUE(Contains(backup_plain.output, "identity " + address_a)) << backup_plain.output;
  EXPECT_TRUE(Contains(backup_plain.output, "the master key is NOT in the backup")) << backup_plain.output;
  EXPECT_GT(served_during, 0) << "the connector answered nothing while the backups ran";
  EXPECT_EQ(failed, 0);

  const auto verify = Connector({"verify", plain.string(), "--config", Config(a)}, a.dir());
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_EQ(LineStartingWith(verify.output, "OK   identity: "), "OK   identity: " + address_a) << verify.output;
  EXPECT_NE(LineStartingWith(verify.output, "OK   masterKey: "), "") << verify.output;

  // Never under a running connector.
  const auto under_running = Connector({"restore", with_key.string(), "--force", "--config", Config(a)}, a.dir());
  EXPECT_EQ(under_running.exit_code, 1) << under_running.output;
  EXPECT_TRUE(Contains(under_running.output, "error.connector.restore.connectorRunning")) << under_running.output;

  // A fresh place: the plain backup cannot be restored there (no key), the one with the key can.
  OwnSchema schema;
  auto options_c = OptionsFor(backbone);
  options_c.extra_config = schema.Override();
  ConnectorProcess c(options_c);
  const auto restore_config = WriteConfigWithDatabase(a, c.dir(), schema.Database(c.dir()));
  const auto without_key = Connector({"restore", plain.string(), "--config", restore_config.string()}, c.dir());
  EXPECT_EQ(without_key.exit_code, 1) << without_key.output;
  EXPECT_TRUE(Contains(without_key.output, "error.connector.keyMaterial.missing")) << without_key.output;
  const auto restored = Connector({"restore", with_key.string(), "--config", restore_config.string()}, c.dir());
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_TRUE(Contains(restored.output, "restored: identity " + address_a)) << restored.output;
  EXPECT_TRUE(Contains(restored.output, "master key: written from the backup")) << restored.output;

  // One identity runs once: stop A, start the copy.
  EXPECT_EQ(a.Stop(), 0) << a.LogTail();
  c.Start();
  Rest rest_c(c.Url());
  EXPECT_EQ(AddressOf(rest_c), address_a);
  EXPECT_EQ(MessagesFrom(rest_c, address_b), messages);
  // It is the identity on the Backbone too: a new message from B arrives at the copy.
  SendMail(rest_b, address_a, "after restore");
  rest_c.Ok("POST", "/Account/Sync", js::object{}, 204);
  const auto after = MessagesFrom(rest_c, address_b);
  EXPECT_EQ(after.size(), 4u);
  EXPECT_EQ(std::count_if(after.begin(), after.end(), [](const auto& m) { return m.second == "after restore"; }), 1);
  EXPECT_EQ(c.Stop(), 0) << c.LogTail();
}

// Issue #6: "a restore of the newest backup starts cleanly and holds every message up to the backup".
// Nothing changes between the backup and the stop, so the Backbone's record (published by the
// graceful stop) is exactly the backup's state: the plain start after `restore --force` over the
// same database is not refused, and every message of both directions is there.
TEST(ConnectorBackup, TheNewestBackupRestoredOverItsDatabaseStartsWithoutOverrideAndHoldsEveryMessage) {
  BackboneProcess backbone;
  backbone.Start();
  ConnectorProcess a(OptionsFor(backbone));
  ConnectorProcess b(OptionsFor(backbone));
  a.Start();
  b.Start();
  Rest rest_a(a.Url());
  Rest rest_b(b.Url());
  const auto address_a = AddressOf(rest_a);
  const auto address_b = AddressOf(rest_b);
  Relate(rest_a, rest_b);
  for (int i = 0; i < 3; ++i) SendMail(rest_b, address_a, "to a " + std::to_string(i));
  for (int i = 0; i < 2; ++i) SendMail(rest_a, address_b, "to b " + std::to_string(i));
  rest_a.Ok("POST", "/Account/Sync", js::object{}, 204);
  const auto received = MessagesFrom(rest_a, address_b);
  const auto sent = MessagesFrom(rest_a, address_a);
  ASSERT_EQ(received.size(), 3u);
  ASSERT_EQ(sent.size(), 2u);

  const auto file = a.dir() / "newest.nmshdbak";
  const auto backup = Connector({"backup", file.string(), "--config", Config(a)}, a.dir());
  ASSERT_EQ(backup.exit_code, 0) << backup.output << a.LogTail();
  EXPECT_EQ(a.Stop(), 0) << a.LogTail();
  const auto restored = Connector({"restore", file.string(), "--force", "--config", Config(a)}, a.dir());
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_TRUE(Contains(restored.output, "restored: identity " + address_a)) << restored.output;

  // No --accept-stale-database: the start check compares with the Backbone's record and lets it run.
  ASSERT_NO_THROW(a.Start()) << a.LogTail();
  EXPECT_TRUE(Contains(a.LogTail(100000), "is not behind the Backbone's record")) << a.LogTail();
  EXPECT_FALSE(Contains(a.LogTail(100000), "stale database")) << a.LogTail();
  Rest rest_restored(a.Url());
  EXPECT_EQ(AddressOf(rest_restored), address_a);
  EXPECT_EQ(MessagesFrom(rest_restored, address_b), received);
  EXPECT_EQ(MessagesFrom(rest_restored, address_a), sent);
  EXPECT_EQ(rest_restored.Ok("GET", "/Messages").as_array().size(), 5u);

  // Both directions keep working (the restore moved the transmit counters ahead; B still reads ours).
  SendMail(rest_restored, address_b, "after restore to b");
  SendMail(rest_b, address_a, "after restore to a");
  rest_b.Ok("POST", "/Account/Sync", js::object{}, 204);
  rest_restored.Ok("POST", "/Account/Sync", js::object{}, 204);
  const auto at_b = MessagesFrom(rest_b, address_a);
  EXPECT_EQ(at_b.size(), 3u);
  EXPECT_EQ(std::count_if(at_b.begin(), at_b.end(), [](const auto& m) { return m.second == "after restore to b"; }), 1);
  const auto at_a = MessagesFrom(rest_restored, address_b);
  EXPECT_EQ(at_a.size(), 4u);
  EXPECT_EQ(std::count_if(at_a.begin(), at_a.end(), [](const auto& m) { return m.second == "after restore to a"; }), 1);
  EXPECT_EQ(a.Stop(), 0) << a.LogTail();
}

TEST(ConnectorBackup, VerifyAndRestoreRefuseBadFilesAndDoNotOverwriteData) {
  BackboneProcess backbone;
  backbone.Start();
  ConnectorProcess a(OptionsFor(backbone));
  a.Start();
  const auto file = a.dir() / "a.nmshdbak";
  const auto backup = Connector({"backup", file.string(), "--include-master-key", "--config", Config(a)}, a.dir());
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  // A backup never overwrites.
  const auto again = Connector({"backup", file.string(), "--config", Config(a)}, a.dir());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Contains(again.output, "error.backup.exists")) << again.output;
  // No passphrase, or a short one: nothing is written.
  const auto none = Connector({"backup", (a.dir() / "x.nmshdbak").string(), "--config", Config(a)}, a.dir(), {});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(Contains(none.output, "CONNECTOR_BACKUP_PASSPHRASE")) << none.output;
  EXPECT_FALSE(fs::exists(a.dir() / "x.nmshdbak"));

  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto damaged = a.dir() / "damaged.nmshdbak";
  auto flipped = bytes;
  flipped[bytes.size() - 30] = static_cast<char>(flipped[bytes.size() - 30] ^ 0x20);
  std::ofstream(damaged, std::ios::binary) << flipped;
  const auto truncated = a.dir() / "truncated.nmshdbak";
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() - 10);
  const auto passphrase_file = a.dir() / "wrong-passphrase";
  std::ofstream(passphrase_file) << "not the passphrase of this backup\n";

  struct Case {
    std::vector<std::string> args;
    std::string code;
  };
  const std::vector<Case> cases = {
      {{"verify", file.string(), "--passphrase-file", passphrase_file.string()}, "error.backup.wrongPassphrase"},
      {{"verify", damaged.string()}, "error.backup.corrupt"},
      {{"verify", truncated.string()}, "error.backup.truncated"},
      {{"verify", Config(a)}, "error.backup.notABackup"},
  };
  for (const auto& c : cases) {
    auto args = c.args;
    args.insert(args.end(), {"--config", Config(a)});
    const auto run = Connector(args, a.dir());
    EXPECT_EQ(run.exit_code, 1) << c.args[1] << "\n" << run.output;
    EXPECT_NE(LineStartingWith(run.output, "FAIL backup: "), "") << run.output;
    EXPECT_TRUE(Contains(run.output, c.code)) << c.code << "\n" << run.output;
  }

  // A damaged file never reaches the target: afterwards the good one restores into it without --force.
  OwnSchema schema;
  auto target_options = OptionsFor(backbone);
  target_options.extra_config = schema.Override();
  ConnectorProcess target(target_options);
  const auto config = WriteConfigWithDatabase(a, target.dir(), schema.Database(target.dir()));
  const auto bad = Connector({"restore", damaged.string(), "--config", config.string()}, target.dir());
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_TRUE(Contains(bad.output, "error.backup.corrupt")) << bad.output;
  const auto good = Connector({"restore", file.string(), "--config", config.string()}, target.dir());
  EXPECT_EQ(good.exit_code, 0) << good.output;
  const auto twice = Connector({"restore", file.string(), "--config", config.string()}, target.dir());
  EXPECT_EQ(twice.exit_code, 1) << twice.output;
  EXPECT_TRUE(Contains(twice.output, "error.connector.restore.notEmpty")) << twice.output;
  const auto forced = Connector({"restore", file.string(), "--force", "--config", config.string()}, target.dir());
  EXPECT_EQ(forced.exit_code, 0) << forced.output;

  // A backbone backup is not a connector backup.
  const auto backbone_file = backbone.dir() / "backbone.nmshdbak";
  const auto backbone_backup =
      Backbone({"backup", backbone_file.string(), "--config", (backbone.dir() / "config.json").string()}, backbone.dir());
  ASSERT_EQ(backbone_backup.exit_code, 0) << backbone_backup.output;
  const auto wrong_kind = Connector({"verify", backbone_file.string(), "--config", Config(a)}, a.dir());
  EXPECT_EQ(wrong_kind.exit_code, 1);
  EXPECT_TRUE(Contains(wrong_kind.output, "error.backup.wrongKind")) << wrong_kind.output;
}

TEST(ConnectorCheck, FindsACorruptedKeyAnExpiredTokenAndAFullDiskEachWithANonZeroExit) {
  BackboneProcess backbone;
  backbone.Start();
  ConnectorProcess a(OptionsFor(backbone));
  a.Start();
  Rest rest(a.Url());
  const auto address = AddressOf(rest);
  // Thresholds far below what any machine has, except where a test wants them hit.
  const std::vector<std::string> relaxed{"--min-free-disk", "1", "--min-available-memory", "1"};
  auto check = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"check", "--config", Config(a)};
    args.insert(args.end(), extra.begin(), extra.end());
    return Connector(args, a.dir());
  };

  auto healthy = check(relaxed);
  EXPECT_EQ(healthy.exit_code, 0) << healthy.output;
  EXPECT_TRUE(Contains(healthy.output, "check: 6 OK, 0 WARN, 0 FAIL")) << healthy.output;
  EXPECT_TRUE(Contains(LineStartingWith(healthy.output, "OK   identity: "), address)) << healthy.output;

  // An own token that expires in two seconds.
  const auto token = rest.Ok("POST", "/Tokens/Own",
                             js::object{{"content", {{"k", "v"}}},
                                        {"expiresAt", FormatIsoUtc(NowMs() + std::chrono::seconds(2))},
                                        {"ephemeral", false}});
  const std::string token_id(token.at("id").as_string());
  std::this_thread::sleep_for(3s);
  const auto expired = check(relaxed);
  EXPECT_EQ(expired.exit_code, 1) << expired.output;
  const auto old_line = LineStartingWith(expired.output, "WARN oldMaterial: ");
  EXPECT_TRUE(Contains(old_line, "1 expired token (" + token_id + " own")) << expired.output;
  const auto cleaned = check({"--cleanup", "--min-free-disk", "1", "--min-available-memory", "1"});
  EXPECT_EQ(cleaned.exit_code, 0) << cleaned.output;
  EXPECT_TRUE(Contains(LineStartingWith(cleaned.output, "OK   oldMaterial: "), "deleted 1 of 1")) << cleaned.output;
  EXPECT_EQ(rest.Call("GET", "/Tokens/" + token_id).first, 404);
  EXPECT_EQ(check(relaxed).exit_code, 0);

  // A disk with less free space than the threshold (a threshold above any real free space).
  const auto full = check({"--min-free-disk", "1000000T", "--min-available-memory", "1"});
  EXPECT_EQ(full.exit_code, 2) << full.output;
  EXPECT_TRUE(Contains(LineStartingWith(full.output, "FAIL disk: only "), "threshold 1000000.0 TiB")) << full.output;

  // A flipped byte in the key file: another key, or no key at all.
  EXPECT_EQ(a.Stop(), 0) << a.LogTail();
  const auto key_file = KeyFileOf(a);
  ASSERT_FALSE(key_file.empty());
  std::string key;
  std::getline(std::ifstream(key_file), key);
  for (char replacement : {key[0] == 'A' ? 'B' : 'A', '*'}) {
    std::string changed = key;
    changed[0] = replacement;
    std::ofstream(key_file, std::ios::trunc) << changed << "\n";
    const auto corrupted = check(relaxed);
    EXPECT_EQ(corrupted.exit_code, 2) << corrupted.output;
    const auto line = LineStartingWith(corrupted.output, "FAIL keyMaterial: ");
    EXPECT_TRUE(Contains(line, key_file.string())) << corrupted.output;
    EXPECT_TRUE(Contains(line, replacement == '*' ? "error.connector.keyMaterial.invalidKey"
                                                  : "error.connector.keyMaterial.wrongKey"))
        << corrupted.output;
  }
  std::ofstream(key_file, std::ios::trunc) << key << "\n";
  EXPECT_EQ(check(relaxed).exit_code, 0);
}

// A small tmpfs mounted for one test and unmounted at the end (needs CAP_SYS_ADMIN; the test is
// skipped where mounting is not allowed, and the threshold variant above still runs).
class SmallTmpfs {
 public:
  SmallTmpfs(const fs::path& where, const std::string& size) : where_(where) {
    fs::create_directories(where_);
    mounted_ = std::system(("mount -t tmpfs -o size=" + size + " tmpfs '" + where_.string() + "' 2>/dev/null").c_str()) == 0;
  }
  ~SmallTmpfs() {
    if (mounted_) std::system(("umount '" + where_.string() + "'").c_str());
  }
  bool mounted() const { return mounted_; }

 private:
  fs::path where_;
  bool mounted_ = false;
};

TEST(ConnectorCheck, AReallyFullDataFolderOnASmallTmpfsFailsTheDiskCheck) {
  if (DefaultConnectorTestDriver() != "sqlite") GTEST_SKIP() << "the data folder holds the SQLite database";
  BackboneProcess backbone;
  backbone.Start();
  ConnectorProcess a(OptionsFor(backbone));
  a.Start();
  EXPECT_EQ(a.Stop(), 0) << a.LogTail();

  const auto small = a.dir() / "small";
  SmallTmpfs tmpfs(small, "16m");
  if (!tmpfs.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (not root or no CAP_SYS_ADMIN)";
  for (const auto& entry : fs::directory_iterator(a.dir() / "data")) {
    fs::copy(entry.path(), small / entry.path().filename(), fs::copy_options::recursive);
  }
  auto check = [&] {
    return Connector({"check", "--config", Config(a), "--database:folder=" + small.string(), "--min-free-disk", "4M",
                      "--min-available-memory", "1"},
                     a.dir());
  };
  const auto roomy = check();
  EXPECT_EQ(roomy.exit_code, 0) << roomy.output;
  EXPECT_NE(LineStartingWith(roomy.output, "OK   disk: "), "") << roomy.output;

  // Fill the filesystem up to about 1 MiB.
  const auto free_now = fs::space(small).available;
  ASSERT_GT(free_now, 2u * 1024 * 1024);
  {
    std::ofstream filler(small / "filler", std::ios::binary);
    const std::string block(64 * 1024, '\0');
    for (std::uintmax_t written = 0; written + block.size() <= free_now - 1024 * 1024; written += block.size()) {
      filler.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
  }
  ASSERT_LT(fs::space(small).available, 4u * 1024 * 1024);
  const auto full = check();
  EXPECT_EQ(full.exit_code, 2) << full.output;
  const auto line = LineStartingWith(full.output, "FAIL disk: only ");
  EXPECT_TRUE(Contains(line, "threshold 4.0 MiB")) << full.output;
  EXPECT_TRUE(Contains(line, small.string())) << full.output;
}

TEST(BackboneBackup, OnlineBackupThenForcedRestoreBringsBackExactlyThatState) {
  BackboneProcessOptions backbone_options;
  backbone_options.driver = DefaultConnectorTestDriver();
  BackboneProcess backbone(backbone_options);
  backbone.Start();
  const auto backbone_config = (backbone.dir() / "config.json").string();
  ConnectorProcess a(OptionsFor(backbone));
  a.Start();
  Rest rest_a(a.Url());

  // The backup runs while the connector keeps syncing with the backbone.
  std::atomic<bool> stop{false};
  std::atomic<int> syncs{0};
  std::thread syncing([&] {
    Rest rest(a.Url());
    while (!stop) {
      if (rest.Call("POST", "/Account/Sync", js::object{}).first == 204) ++syncs;
    }
  });
  while (syncs < 3) std::this_thread::sleep_for(10ms);
  const auto file = backbone.dir() / "backbone.nmshdbak";
  const auto backup = Backbone({"backup", file.string(), "--config", backbone_config}, backbone.dir());
  stop = true;
  syncing.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.output << backbone.LogTail();

  const auto verify = Backbone({"verify", file.string(), "--config", backbone_config}, backbone.dir());
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_TRUE(Contains(verify.output, "identities 1")) << verify.output;
  const auto under_running = Backbone({"restore", file.string(), "--force", "--config", backbone_config}, backbone.dir());
  EXPECT_EQ(under_running.exit_code, 1) << under_running.output;
  EXPECT_TRUE(Contains(under_running.output, "error.backbone.restore.backboneRunning")) << under_running.output;

  // After the backup another identity registers; the restore takes the backbone back before it.
  ConnectorProcess b(OptionsFor(backbone));
  b.Start();
  EXPECT_EQ(b.Stop(), 0);
  EXPECT_EQ(a.Stop(), 0);
  EXPECT_EQ(backbone.Stop(), 0);
  const auto refused = Backbone({"restore", file.string(), "--config", backbone_config}, backbone.dir());
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_TRUE(Contains(refused.output, "error.backbone.restore.notEmpty")) << refused.output;
  const auto restored = Backbone({"restore", file.string(), "--force", "--config", backbone_config}, backbone.dir());
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  backbone.Start();

  // A (in the backup) logs in and is known with its key; B (registered later) is unknown again.
  const std::vector<std::string> relaxed{"--min-free-disk", "1", "--min-available-memory", "1"};
  std::vector<std::string> check_a{"check", "--config", Config(a)};
  check_a.insert(check_a.end(), relaxed.begin(), relaxed.end());
  const auto a_checked = Connector(check_a, a.dir());
  EXPECT_EQ(a_checked.exit_code, 0) << a_checked.output;
  std::vector<std::string> check_b{"check", "--config", Config(b)};
  check_b.insert(check_b.end(), relaxed.begin(), relaxed.end());
  const auto b_checked = Connector(check_b, b.dir());
  EXPECT_EQ(b_checked.exit_code, 2) << b_checked.output;
  EXPECT_NE(LineStartingWith(b_checked.output, "FAIL identity: "), "") << b_checked.output;
}

}  // namespace
}  // namespace nmshd::connector::testing
