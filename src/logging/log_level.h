#pragma once
// log4js level names <-> spdlog levels. log4js: ALL < TRACE < DEBUG < INFO < WARN < ERROR < FATAL
// < MARK < OFF; spdlog has no FATAL/MARK, both map to `critical` (printed as FATAL).
#include <spdlog/common.h>
#include <string_view>

namespace nmshd::logging {

using Level = spdlog::level::level_enum;

// Case-insensitive log4js name ("debug", "INFO", "all", "off"); throws CodedError
// "error.logging.invalidConfig" naming `where` for anything else.
Level ParseLevel(std::string_view name, std::string_view where);

// "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF" — log4js' levelStr.
std::string_view LevelName(Level level);

}  // namespace nmshd::logging
