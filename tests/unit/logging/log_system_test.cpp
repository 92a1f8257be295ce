#include "logging/log_system.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/coded_error.h"
#include "config/connector_config.h"
#include "logging/correlation_id.h"
#include "unit/config/test_support.h"
#include "unit/logging/mask_match.h"

namespace nmshd::logging {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using config::testing::TempDir;

std::vector<std::string> Lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::shared_ptr<LogSystem> FileSystem(const std::filesystem::path& file, const std::string& layout,
                                      const std::string& categories) {
  std::string section = R"({"appenders":{"file":{"type":"file","filename":")" + file.string() +
                        R"(","layout":)" + layout + R"(}},"categories":)" + categories + "}";
  return LogSystem::FromConfig(boost::json::parse(section));
}

TEST(LogSystem, FileLinesCarryCategoryLevelAndCorrelationId) {
  TempDir dir;
  auto file = dir.path() / "logs" / "connector.log";  // the directory is created
  auto system = FileSystem(file, R"({"type":"pattern","pattern":"[%d] [%p] %c - %m %x{correlationId}"})",
                           R"({"default":{"appenders":["file"],"level":"info"}})");
  auto log = system->Get("transport.sync");
  log.Info("no request {}", 1);
  {
    CorrelationScope scope("c0ffee-1");
    log.Warn("inside request {}", "r");
  }
  system->Flush();
  auto lines = Lines(file);
  ASSERT_EQ(lines.size(), 2u);
  // "[<local ISO time>] [LEVEL] category - message correlationId"
  for (const auto& line : lines) {
    ASSERT_GT(line.size(), 25u);
    EXPECT_EQ(line[0], '[') << line;
    EXPECT_TRUE(testing::MatchesMask(line.substr(1, 23), testing::kLocalTimestampMask)) << line;
  }
  EXPECT_EQ(lines[0].substr(24), "] [INFO] transport.sync - no request 1 ");
  EXPECT_EQ(lines[1].substr(24), "] [WARN] transport.sync - inside request r c0ffee-1");
}

TEST(LogSystem, LevelsPerCategoryFilter) {
  TempDir dir;
  auto file = dir.path() / "levels.log";
  auto system = FileSystem(file, R"({"type":"messagePassThrough"})",
                           R"({"default":{"appenders":["file"],"level":"info"},
                               "transport.sync":{"level":"debug"},
                               "noisy":{"level":"error"}})");
  system->Get("transport.sync").Debug("sync debug");
  system->Get("transport.sync.run").Trace("sync.run trace");  // inherits debug: dropped
  system->Get("transport.sync.run").Debug("sync.run debug");  // inherits debug: kept
  system->Get("transport").Debug("transport debug");          // default info: dropped
  system->Get("transport").Info("transport info");
  system->Get("noisy").Warn("noisy warn");
  system->Get("noisy").Error("noisy error");
  system->Flush();
  EXPECT_EQ(Lines(file), (std::vector<std::string>{"sync debug", "sync.run debug", "transport info", "noisy error"}));
  EXPECT_EQ(system->CategoryLevel("transport.sync.run"), Level::debug);
  EXPECT_EQ(system->CategoryLevel("other"), Level::info);
  EXPECT_FALSE(system->Get("transport").IsEnabled(Level::debug));
  EXPECT_TRUE(system->Get("transport.sync").IsEnabled(Level::debug));
}

TEST(LogSystem, LogLevelFilterAppliesPerAppenderAsInTheOfficialDefault) {
  TempDir dir;
  auto all = dir.path() / "all.log";
  auto warn = dir.path() / "warn.log";
  auto system = LogSystem::FromConfig(boost::json::parse(R"({
    "appenders": {
      "allFile": {"type": "file", "filename": ")" + all.string() + R"(", "layout": {"type": "messagePassThrough"}},
      "warnFile": {"type": "file", "filename": ")" + warn.string() + R"(", "layout": {"type": "messagePassThrough"}},
      "warnOnly": {"type": "logLevelFilter", "level": "WARN", "appender": "warnFile"},
      "upToInfo": {"type": "logLevelFilter", "level": "DEBUG", "maxLevel": "INFO", "appender": "allFile"}
    },
    "categories": {"default": {"appenders": ["warnOnly", "upToInfo"], "level": "TRACE"}}})"));
  auto log = system->Get("x");
  log.Trace("t");
  log.Debug("d");
  log.Info("i");
  log.Warn("w");
  log.Error("e");
  system->Flush();
  EXPECT_EQ(Lines(all), (std::vector<std::string>{"d", "i"}));
  EXPECT_EQ(Lines(warn), (std::vector<std::string>{"w", "e"}));
  // Nothing below DEBUG reaches any sink, so the logger stops TRACE before formatting.
  EXPECT_FALSE(log.IsEnabled(Level::trace));
}

TEST(LogSystem, JsonLinesAreValidJsonWithTheNodeLoggerFields) {
  TempDir dir;
  auto file = dir.path() / "json.log";
  auto system = FileSystem(file, R"({"type":"json"})", R"({"default":{"appenders":["file"],"level":"debug"}})");
  auto log = system->Get("consumption.requests");
  log.Info("quote \" backslash \\ newline \n tab \t done");
  {
    CorrelationScope scope("corr-7");
    log.Error("failed {}", 42);
  }
  system->Flush();
  auto lines = Lines(file);
  ASSERT_EQ(lines.size(), 2u);  // the newline in the message is escaped, one event = one line

  auto first = boost::json::parse(lines[0]).as_object();
  std::vector<std::string> keys;
  for (const auto& kv : first) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"@t", "@l", "@mt", "category"}));  // no correlation id: omitted
  EXPECT_EQ(first.at("@l").as_string(), "INFO");
  EXPECT_EQ(first.at("@mt").as_string(), "quote \" backslash \\ newline \n tab \t done");
  EXPECT_EQ(first.at("category").as_string(), "consumption.requests");
  EXPECT_TRUE(testing::MatchesMask(first.at("@t").as_string(), testing::kUtcTimestampMask));

  auto second = boost::json::parse(lines[1]).as_object();
  EXPECT_EQ(second.at("@l").as_string(), "ERROR");
  EXPECT_EQ(second.at("@mt").as_string(), "failed 42");
  EXPECT_EQ(second.at("correlationId").as_string(), "corr-7");
}

TEST(LogSystem, RotatesAtTheConfiguredSize) {
  TempDir dir;
  auto file = dir.path() / "rot.log";
  auto system = LogSystem::FromConfig(boost::json::parse(R"({
    "appenders": {"f": {"type": "file", "filename": ")" + file.string() + R"(", "maxLogSize": 1024, "backups": 2,
                        "layout": {"type": "messagePassThrough"}}},
    "categories": {"default": {"appenders": ["f"], "level": "info"}}})"));
  auto log = system->Get("rotation");
  std::string filler(90, 'x');
  for (int i = 0; i < 40; ++i) log.Info("{:03d} {}", i, filler);  // 40 * 95 bytes = 3800 bytes
  system->Flush();

  auto rotated1 = std::filesystem::path(dir.path() / "rot.1.log");
  auto rotated2 = std::filesystem::path(dir.path() / "rot.2.log");
  ASSERT_TRUE(std::filesystem::exists(file));
  ASSERT_TRUE(std::filesystem::exists(rotated1));
  ASSERT_TRUE(std::filesystem::exists(rotated2));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "rot.3.log"));  // only `backups` old files
  for (const auto& f : {file, rotated1, rotated2}) {
    EXPECT_LE(std::filesystem::file_size(f), 1024u) << f;
    EXPECT_GE(std::filesystem::file_size(f), 95u) << f;
  }
  // The newest lines are in the current file, older ones were rotated away.
  auto current = Lines(file);
  ASSERT_FALSE(current.empty());
  EXPECT_EQ(current.back().substr(0, 3), "039");
  int firstCurrent = std::stoi(current.front().substr(0, 3));
  EXPECT_EQ(std::stoi(Lines(rotated1).back().substr(0, 3)), firstCurrent - 1);
}

TEST(LogSystem, PersonalDataOnlyAtDebugAndSecretsNever) {
  TempDir dir;
  auto file = dir.path() / "sensitive.log";
  auto system = FileSystem(file, R"({"type":"messagePassThrough"})", R"({"default":{"appenders":["file"],"level":"trace"}})");
  auto log = system->Get("privacy");
  std::string attribute = "Jane Doe, 1 Main St";
  std::string apiKey = "AAbb11!!AAbb11!!AAbb11!!AAbb11!!";
  log.Info("attribute {} key {}", Personal(attribute), Secret(apiKey));
  log.Debug("attribute {} key {}", Personal(attribute), Secret(apiKey));
  system->Flush();
  auto lines = Lines(file);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "attribute <personal data> key ***");
  EXPECT_EQ(lines[1], "attribute Jane Doe, 1 Main St key ***");
}

TEST(LogSystem, PatternPaddingAndUnknownTokens) {
  TempDir dir;
  auto file = dir.path() / "pattern.log";
  auto system = FileSystem(file, R"({"type":"pattern","pattern":"%-5p|%5p|%.3c|%%|%q|%m%n"})",
                           R"({"default":{"appenders":["file"],"level":"info"}})");
  system->Get("category").Info("msg");
  system->Flush();
  auto lines = Lines(file);
  ASSERT_GE(lines.size(), 1u);
  EXPECT_EQ(lines[0], "INFO | INFO|cat|%|%q|msg");
}

TEST(LogSystem, UnwritableFileIsAClearError) {
  TempDir dir;
  auto blocker = dir.Write("not-a-dir", "x");
  try {
    FileSystem(blocker / "x.log", R"({"type":"json"})", R"({"default":{"appenders":["file"],"level":"info"}})");
    FAIL() << "opened a file below a regular file";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.logging.cannotOpenFile");
    EXPECT_THAT(e.what(), HasSubstr("logging.appenders.file"));
    EXPECT_THAT(e.what(), HasSubstr("not-a-dir/x.log"));
  }
}

TEST(LogSystem, OfficialDefaultSectionWritesInfoToStdout) {
  auto system = LogSystem::FromConfig(config::ConnectorDefaults().at("logging"));
  ::testing::internal::CaptureStdout();
  {
    CorrelationScope scope("req-99");
    system->Get("coreHttpApi").Info("GET /health 200");
    system->Get("coreHttpApi").Debug("hidden by the INFO logLevelFilter");
  }
  system->Flush();
  std::string out = ::testing::internal::GetCapturedStdout();
  ASSERT_GT(out.size(), 25u);
  EXPECT_TRUE(testing::MatchesMask(out.substr(1, 23), testing::kLocalTimestampMask)) << out;
  EXPECT_EQ(out.substr(24), "] [INFO] coreHttpApi - GET /health 200 req-99\n");
  EXPECT_THAT(out, Not(HasSubstr("hidden")));
}

TEST(LogSystem, GlobalSystemCanBeReplaced) {
  TempDir dir;
  auto file = dir.path() / "global.log";
  auto previous = CurrentLogSystem();
  InstallLogSystem(FileSystem(file, R"({"type":"messagePassThrough"})", R"({"default":{"appenders":["file"],"level":"info"}})"));
  GetLogger("global").Info("via global");
  CurrentLogSystem()->Flush();
  InstallLogSystem(previous);
  EXPECT_EQ(Lines(file), std::vector<std::string>{"via global"});
}

}  // namespace
}  // namespace nmshd::logging
