#include "config/config_sources.h"

#include <unistd.h>

extern char** environ;  // POSIX; not declared by <unistd.h> unless _GNU_SOURCE is set

namespace nmshd::config {

ConfigSources ConfigSources::FromProcess(int argc, const char* const* argv) {
  ConfigSources sources;
  for (int i = 1; i < argc; ++i) sources.args.emplace_back(argv[i]);
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string line(*entry);
    auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    sources.environment.emplace(line.substr(0, eq), line.substr(eq + 1));
  }
  std::error_code ec;
  sources.workingDirectory = std::filesystem::current_path(ec);
  if (ec) sources.workingDirectory = ".";
  return sources;
}

}  // namespace nmshd::config
