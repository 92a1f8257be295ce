#pragma once
// The `logging` section of the configuration, in the official log4js shape, and what of it we map
// onto spdlog.
//
// Supported (everything else is rejected with CodedError "error.logging.invalidConfig" naming the
// key, so a config never silently logs less than its author expects):
//   appenders.<name>.type
//     "stdout" | "console"      standard output
//     "stderr"                  standard error
//     "file" | "fileSync"       `filename` (required); `maxLogSize` bytes (number, or "10K"/"5M"/"1G")
//                               turns on rotation with `backups` old files (default 5):
//                               <filename>.1 … <filename>.<backups>; no maxLogSize: one growing file
//     "logLevelFilter"          `appender` (another appender's name), `level` (minimum),
//                               `maxLevel` (optional maximum)
//     other keys of an appender (mode, flags, compress, keepFileExt, …) are ignored.
//   appenders.<name>.layout.type
//     "pattern"                 log4js tokens %d (ISO8601 local time; %d{ABSOLUTE} = time only),
//                               %p, %c, %m, %n, %%, %z (pid), %x{correlationId}, padding/truncation
//                               such as %-5p and %.20c; colour markers %[ %] are dropped (no ANSI
//                               colours); unknown tokens are kept as written
//     "basic" | "colored" | "coloured"   = pattern "[%d] [%p] %c - %m"
//     "messagePassThrough"      = pattern "%m"
//     "json"                    one JSON object per line, @js-soft/node-logger style:
//                               {"@t":<ISO UTC ms>,"@l":"INFO","@mt":<message>,"category":<c>,
//                                "correlationId":<id, omitted when none>}
//     no layout: "basic" for stdout/stderr/file.
//   categories.<name>           `level` (required for "default"), `appenders` (required for
//                               "default"), `inherit` (default true). Names are dotted
//                               ("transport.sync"); a category takes its level from the nearest
//                               configured ancestor ("transport.sync.run" <- "transport.sync" <-
//                               "transport" <- "default") and its appenders from its own list plus
//                               its ancestors' unless `inherit` is false.
//   pm2, pm2InstanceVar, disableClustering, levels: accepted and ignored.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logging/log_level.h"

namespace nmshd::logging {

inline constexpr const char* kDefaultPattern = "[%d] [%p] %c - %m %x{correlationId}";

enum class LayoutKind { kPattern, kJson };

struct LayoutSettings {
  LayoutKind kind = LayoutKind::kPattern;
  std::string pattern = "[%d] [%p] %c - %m";
};

enum class AppenderKind { kStdout, kStderr, kFile, kLevelFilter };

struct AppenderSettings {
  std::string name;
  AppenderKind kind = AppenderKind::kStdout;
  LayoutSettings layout;
  // kFile
  std::string fileName;
  std::uint64_t maxLogSize = 0;  // 0: no rotation
  std::size_t backups = 5;
  // kLevelFilter
  std::string target;
  Level minLevel = Level::trace;
  Level maxLevel = Level::critical;
};

struct CategorySettings {
  std::string name;
  std::optional<Level> level;
  std::vector<std::string> appenders;
  bool inherit = true;
};

struct LoggingSettings {
  std::vector<AppenderSettings> appenders;
  std::vector<CategorySettings> categories;  // always contains "default"

  // stdout, basic pattern with correlation id, INFO — what runs before the configuration is read.
  static LoggingSettings Default();
};

// Parses and checks the section (unknown appender references, cycles between filters, a missing
// default category, bad levels and sizes). Throws CodedError "error.logging.invalidConfig".
LoggingSettings ParseLoggingSettings(const boost::json::value& section);

}  // namespace nmshd::logging
