#pragma once
// Logging on spdlog: one synchronous spdlog logger per category, sinks built from the log4js-shaped
// `logging` section (logging_settings.h), correlation ids (correlation_id.h) on every line.
//
//   auto system = LogSystem::FromConfig(config.effective.at("logging"));
//   InstallLogSystem(system);                      // at startup, before loggers are taken
//   Logger log = GetLogger("transport.sync");
//   log.Info("sync run {} finished in {} ms", id, ms);
//
// Logger handles keep the sinks of the LogSystem they came from; take them after InstallLogSystem
// (the bootstrap system before it logs to stdout at INFO).
#include <spdlog/logger.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "logging/logging_settings.h"
#include "logging/sensitive.h"

namespace nmshd::logging {

class Logger {
 public:
  explicit Logger(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}

  template <typename... Args>
  void Trace(fmt::format_string<Args...> f, Args&&... args) { Log(Level::trace, f, std::forward<Args>(args)...); }
  template <typename... Args>
  void Debug(fmt::format_string<Args...> f, Args&&... args) { Log(Level::debug, f, std::forward<Args>(args)...); }
  template <typename... Args>
  void Info(fmt::format_string<Args...> f, Args&&... args) { Log(Level::info, f, std::forward<Args>(args)...); }
  template <typename... Args>
  void Warn(fmt::format_string<Args...> f, Args&&... args) { Log(Level::warn, f, std::forward<Args>(args)...); }
  template <typename... Args>
  void Error(fmt::format_string<Args...> f, Args&&... args) { Log(Level::err, f, std::forward<Args>(args)...); }
  template <typename... Args>
  void Fatal(fmt::format_string<Args...> f, Args&&... args) { Log(Level::critical, f, std::forward<Args>(args)...); }

  // Whether a call at `level` would reach any sink (to skip building expensive messages).
  bool IsEnabled(Level level) const { return logger_->should_log(level); }
  Level level() const { return logger_->level(); }
  const std::string& category() const { return logger_->name(); }
  void Flush() { logger_->flush(); }

 private:
  template <typename... Args>
  void Log(Level level, fmt::format_string<Args...> f, Args&&... args) {
    if (!logger_->should_log(level)) return;
    detail::FormattingLevelScope scope(level);
    logger_->log(level, f, std::forward<Args>(args)...);
  }

  std::shared_ptr<spdlog::logger> logger_;
};

class LogSystem {
 public:
  // Opens the files (creating directories); throws CodedError "error.logging.cannotOpenFile"
  // naming the appender and the file when that fails.
  explicit LogSystem(LoggingSettings settings);
  // ParseLoggingSettings + constructor.
  static std::shared_ptr<LogSystem> FromConfig(const boost::json::value& loggingSection);

  // The logger of a dotted category; the same spdlog logger for the same name.
  Logger Get(std::string_view category);
  // The configured threshold of a category (nearest configured ancestor, else "default").
  Level CategoryLevel(std::string_view category) const;
  void Flush();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// The process-wide system used by GetLogger. Until the first InstallLogSystem it is
// LogSystem(LoggingSettings::Default()).
void InstallLogSystem(std::shared_ptr<LogSystem> system);
std::shared_ptr<LogSystem> CurrentLogSystem();
Logger GetLogger(std::string_view category);

}  // namespace nmshd::logging
