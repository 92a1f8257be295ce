#include "logging/log_system.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <algorithm>

#include "base/coded_error.h"
#include "logging/level_filter_sink.h"
#include "logging/line_formatters.h"

namespace nmshd::logging {

namespace detail {
Level& FormattingLevel() {
  thread_local Level level = Level::info;
  return level;
}
}  // namespace detail

struct LogSystem::Impl {
  LoggingSettings settings;
  std::map<std::string, std::shared_ptr<spdlog::sinks::sink>> sinks;  // by appender name
  mutable std::mutex mutex;
  std::map<std::string, std::shared_ptr<spdlog::logger>, std::less<>> loggers;

  const AppenderSettings& Appender(const std::string& name) const {
    for (const auto& a : settings.appenders) {
      if (a.name == name) return a;
    }
    throw CodedError("error.logging.invalidConfig", "logging: no appender \"" + name + "\"");
  }

  std::shared_ptr<spdlog::sinks::sink> Sink(const std::string& name) {
    if (auto it = sinks.find(name); it != sinks.end()) return it->second;
    const AppenderSettings& a = Appender(name);
    std::shared_ptr<spdlog::sinks::sink> sink;
    switch (a.kind) {
      case AppenderKind::kStdout: sink = std::make_shared<spdlog::sinks::stdout_sink_mt>(); break;
      case AppenderKind::kStderr: sink = std::make_shared<spdlog::sinks::stderr_sink_mt>(); break;
      case AppenderKind::kFile:
        try {
          if (a.maxLogSize > 0) {
            sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                a.fileName, static_cast<std::size_t>(a.maxLogSize), a.backups);
          } else {
            sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(a.fileName, false);
          }
        } catch (const spdlog::spdlog_ex& e) {
          throw CodedError("error.logging.cannotOpenFile", "logging.appenders." + a.name +
                                                               ": cannot open log file '" + a.fileName +
                                                               "': " + e.what());
        }
        break;
      case AppenderKind::kLevelFilter:
        sink = std::make_shared<LevelFilterSink>(Sink(a.target), a.minLevel, a.maxLevel);
        break;
    }
    if (a.kind != AppenderKind::kLevelFilter) {
      if (a.layout.kind == LayoutKind::kJson) {
        sink->set_formatter(std::make_unique<JsonLineFormatter>());
      } else {
        sink->set_formatter(std::make_unique<PatternLayoutFormatter>(a.layout.pattern));
      }
    }
    sinks.emplace(name, sink);
    return sink;
  }

  const CategorySettings* Configured(std::string_view name) const {
    for (const auto& c : settings.categories) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }

  // "a.b.c" -> the nearest configured category strictly above it ("a.b", "a", then "default").
  const CategorySettings* ConfiguredParent(std::string_view name) const {
    if (name == "default") return nullptr;
    std::string current(name);
    while (true) {
      auto dot = current.rfind('.');
      if (dot == std::string::npos) return Configured("default");
      current.resize(dot);
      if (const auto* c = Configured(current)) return c;
    }
  }

  const CategorySettings* Nearest(std::string_view name) const {
    if (const auto* c = Configured(name)) return c;
    return ConfiguredParent(name);
  }

  Level LevelOf(std::string_view name) const {
    for (const auto* c = Nearest(name); c != nullptr; c = ConfiguredParent(c->name)) {
      if (c->level) return *c->level;
    }
    return Level::info;
  }

  void AppendersOf(const CategorySettings& c, std::vector<std::string>& out) const {
    for (const auto& a : c.appenders) {
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    }
    if (c.inherit || c.appenders.empty()) {
      if (const auto* parent = ConfiguredParent(c.name)) AppendersOf(*parent, out);
    }
  }

  std::shared_ptr<spdlog::logger> Create(std::string_view category) {
    std::vector<std::string> names;
    if (const auto* c = Nearest(category)) AppendersOf(*c, names);
    std::vector<std::shared_ptr<spdlog::sinks::sink>> list;
    Level lowestSink = Level::off;
    for (const auto& n : names) {
      list.push_back(Sink(n));
      lowestSink = std::min(lowestSink, list.back()->level());
    }
    auto logger = std::make_shared<spdlog::logger>(std::string(category), list.begin(), list.end());
    // Below every sink's threshold nothing would be written: stop at the logger, before formatting.
    logger->set_level(std::max(LevelOf(category), lowestSink));
    // Buffered file output would be lost on a crash; per-line flushes are kept for INFO and above.
    logger->flush_on(Level::info);
    return logger;
  }
};

LogSystem::LogSystem(LoggingSettings settings) : impl_(std::make_shared<Impl>()) {
  impl_->settings = std::move(settings);
  // Open every referenced output now, so a bad path fails at startup rather than at first use.
  for (const auto& c : impl_->settings.categories) {
    for (const auto& a : c.appenders) impl_->Sink(a);
  }
}

std::shared_ptr<LogSystem> LogSystem::FromConfig(const boost::json::value& loggingSection) {
  return std::make_shared<LogSystem>(ParseLoggingSettings(loggingSection));
}

Logger LogSystem::Get(std::string_view category) {
  std::lock_guard lock(impl_->mutex);
  if (auto it = impl_->loggers.find(category); it != impl_->loggers.end()) return Logger(it->second);
  auto logger = impl_->Create(category);
  impl_->loggers.emplace(std::string(category), logger);
  return Logger(logger);
}

Level LogSystem::CategoryLevel(std::string_view category) const { return impl_->LevelOf(category); }

void LogSystem::Flush() {
  std::lock_guard lock(impl_->mutex);
  for (auto& [name, sink] : impl_->sinks) sink->flush();
}

namespace {
std::mutex gSystemMutex;
std::shared_ptr<LogSystem> gSystem;
}  // namespace

void InstallLogSystem(std::shared_ptr<LogSystem> system) {
  std::lock_guard lock(gSystemMutex);
  gSystem = std::move(system);
}

std::shared_ptr<LogSystem> CurrentLogSystem() {
  std::lock_guard lock(gSystemMutex);
  if (!gSystem) gSystem = std::make_shared<LogSystem>(LoggingSettings::Default());
  return gSystem;
}

Logger GetLogger(std::string_view category) { return CurrentLogSystem()->Get(category); }

}  // namespace nmshd::logging
