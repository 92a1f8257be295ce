#include "metrics/process_metrics.h"

#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "metrics/scraped_gauge.h"

namespace nmshd::metrics {

std::optional<double> ResidentMemoryBytes() {
  std::ifstream statm("/proc/self/statm");
  unsigned long long size_pages = 0, resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return std::nullopt;
  return static_cast<double>(resident_pages) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

std::optional<double> ProcessStartTimeSeconds() {
  // Field 22 of /proc/self/stat is the start in clock ticks after boot; the command name (field 2)
  // may contain spaces and parentheses, so fields are counted after its last ')'.
  std::ifstream stat_file("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  unsigned long long start_ticks = 0;
  for (int index = 3; fields >> field; ++index) {
    if (index == 22) {
      start_ticks = std::stoull(field);
      break;
    }
  }
  std::ifstream proc_stat("/proc/stat");
  std::string line;
  while (std::getline(proc_stat, line)) {
    if (line.rfind("btime ", 0) == 0) {
      const double boot = std::stod(line.substr(6));
      return boot + static_cast<double>(start_ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
  }
  return std::nullopt;
}

void AddProcessMetrics(Registry& registry) {
  registry.Add(std::make_shared<ScrapedGauge>("process_resident_memory_bytes", "Resident memory size in bytes.",
                                              ResidentMemoryBytes));
  // Constant for the life of the process: read once.
  const auto start = ProcessStartTimeSeconds();
  registry.Add(std::make_shared<ScrapedGauge>("process_start_time_seconds",
                                              "Start time of the process since unix epoch in seconds.",
                                              [start] { return start; }));
}

}  // namespace nmshd::metrics
