#include "logging/log_level.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "base/coded_error.h"

namespace nmshd::logging {

Level ParseLevel(std::string_view name, std::string_view where) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "ALL" || upper == "TRACE") return Level::trace;
  if (upper == "DEBUG") return Level::debug;
  if (upper == "INFO") return Level::info;
  if (upper == "WARN" || upper == "WARNING") return Level::warn;
  if (upper == "ERROR") return Level::err;
  if (upper == "FATAL" || upper == "MARK" || upper == "CRITICAL") return Level::critical;
  if (upper == "OFF") return Level::off;
  throw CodedError("error.logging.invalidConfig",
                   std::string(where) + ": unknown log level \"" + std::string(name) +
                       "\" (use ALL, TRACE, DEBUG, INFO, WARN, ERROR, FATAL, MARK or OFF)");
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::trace: return "TRACE";
    case Level::debug: return "DEBUG";
    case Level::info: return "INFO";
    case Level::warn: return "WARN";
    case Level::err: return "ERROR";
    case Level::critical: return "FATAL";
    default: return "OFF";
  }
}

}  // namespace nmshd::logging
