#include "logging/logging_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/coded_error.h"
#include "config/connector_config.h"

namespace nmshd::logging {
namespace {

using ::testing::HasSubstr;

std::string ErrorOf(const char* section) {
  try {
    ParseLoggingSettings(boost::json::parse(section));
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.logging.invalidConfig");
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << section;
  return "";
}

TEST(LoggingSettings, AcceptsTheOfficialDefaultSection) {
  auto s = ParseLoggingSettings(config::ConnectorDefaults().at("logging"));
  ASSERT_EQ(s.appenders.size(), 2u);
  EXPECT_EQ(s.appenders[0].name, "consoleAppender");
  EXPECT_EQ(s.appenders[0].kind, AppenderKind::kStdout);
  EXPECT_EQ(s.appenders[0].layout.kind, LayoutKind::kPattern);
  EXPECT_EQ(s.appenders[0].layout.pattern, "%[[%d] [%p] %c - %m %x{correlationId}%]");
  EXPECT_EQ(s.appenders[1].kind, AppenderKind::kLevelFilter);
  EXPECT_EQ(s.appenders[1].target, "consoleAppender");
  EXPECT_EQ(s.appenders[1].minLevel, Level::info);
  ASSERT_EQ(s.categories.size(), 1u);
  EXPECT_EQ(s.categories[0].name, "default");
  EXPECT_EQ(s.categories[0].level, Level::trace);
  EXPECT_EQ(s.categories[0].appenders, std::vector<std::string>{"console"});
}

TEST(LoggingSettings, FileAppenderSizesAndLevels) {
  auto s = ParseLoggingSettings(boost::json::parse(R"({
    "appenders": {"f": {"type": "file", "filename": "/tmp/x.log", "maxLogSize": "10M", "backups": 3,
                        "layout": {"type": "json"}, "compress": true}},
    "categories": {"default": {"appenders": ["f"], "level": "warn"},
                   "transport.sync": {"level": "debug"}}})"));
  EXPECT_EQ(s.appenders[0].maxLogSize, 10u * 1024 * 1024);
  EXPECT_EQ(s.appenders[0].backups, 3u);
  EXPECT_EQ(s.appenders[0].layout.kind, LayoutKind::kJson);
  EXPECT_EQ(s.categories[0].level, Level::warn);
  EXPECT_EQ(s.categories[1].level, Level::debug);
  EXPECT_TRUE(s.categories[1].appenders.empty());
}

TEST(LoggingSettings, ErrorsNameTheKey) {
  EXPECT_THAT(ErrorOf(R"("x")"), HasSubstr("logging: must be an object"));
  EXPECT_THAT(ErrorOf(R"({"appenders":{"a":{"type":"dateFile","filename":"x"}},"categories":{"default":{"appenders":["a"],"level":"info"}}})"),
              HasSubstr("logging.appenders.a.type: unsupported appender type \"dateFile\""));
  EXPECT_THAT(ErrorOf(R"({"appenders":{"a":{"type":"stdout"}},"categories":{"default":{"appenders":["b"],"level":"info"}}})"),
              HasSubstr("logging.categories.default.appenders: names no appender (\"b\")"));
  EXPECT_THAT(ErrorOf(R"({"appenders":{"a":{"type":"stdout"}},"categories":{"default":{"appenders":["a"],"level":"loud"}}})"),
              HasSubstr("logging.categories.default.level: unknown log level \"loud\""));
  EXPECT_THAT(ErrorOf(R"({"appenders":{"a":{"type":"stdout"}},"categories":{"x":{"appenders":["a"],"level":"info"}}})"),
              HasSubstr("logging.categories.default: is required"));
  EXPECT_THAT(ErrorOf(R"({"appenders":{"a":{"type":"file"}},"categories":{"default":{"appenders":["a"],"level":"info"}}})"),
              HasSubstr("logging.appenders.a.filename: must be a non-empty string"));
  EXPECT_THAT(ErrorOf(R"({"appenders":{"a":{"type":"file","filename":"f","maxLogSize":"big"}},"categories":{"default":{"appenders":["a"],"level":"info"}}})"),
              HasSubstr("logging.appenders.a.maxLogSize"));
  EXPECT_THAT(ErrorOf(R"({"appenders":{"a":{"type":"logLevelFilter","appender":"b","level":"info"},"b":{"type":"logLevelFilter","appender":"a","level":"info"}},"categories":{"default":{"appenders":["a"],"level":"info"}}})"),
              HasSubstr("cycle"));
  EXPECT_THAT(ErrorOf(R"({"appenders":{"a":{"type":"stdout","layout":{"type":"xml"}}},"categories":{"default":{"appenders":["a"],"level":"info"}}})"),
              HasSubstr("logging.appenders.a.layout.type: unsupported layout \"xml\""));
  EXPECT_THAT(ErrorOf(R"({"categories":{}})"), HasSubstr("logging.appenders: is required"));
}

}  // namespace
}  // namespace nmshd::logging
