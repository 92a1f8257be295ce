#include "connector/app/system_resources.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>

namespace nmshd::connector {

namespace fs = std::filesystem;

std::optional<SpaceInfo> DiskSpaceOf(const fs::path& path) {
  std::error_code ec;
  auto probe = fs::absolute(path, ec);
  if (ec) return std::nullopt;
  while (!fs::exists(probe, ec) && probe.has_parent_path() && probe != probe.parent_path()) probe = probe.parent_path();
  const auto info = fs::space(probe, ec);
  if (ec) return std::nullopt;
  return SpaceInfo{static_cast<std::uint64_t>(info.available), static_cast<std::uint64_t>(info.capacity)};
}

std::optional<SpaceInfo> AvailableMemory(const fs::path& meminfo) {
  std::ifstream in(meminfo);
  if (!in) return std::nullopt;
  std::optional<std::uint64_t> available;
  std::optional<std::uint64_t> total;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name;
    std::uint64_t kib = 0;
    if (!(fields >> name >> kib)) continue;
    if (name == "MemAvailable:") available = kib * 1024;
    if (name == "MemTotal:") total = kib * 1024;
  }
  if (!available || !total) return std::nullopt;
  return SpaceInfo{*available, *total};
}

std::string FormatBytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

std::optional<std::uint64_t> ParseByteSize(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 19) return std::nullopt;
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < digits; ++i) value = value * 10 + static_cast<std::uint64_t>(text[i] - '0');
  auto unit = std::string(text.substr(digits));
  for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.size() >= 2 && unit.substr(unit.size() - 2) == "IB") unit.resize(unit.size() - 2);
  else if (!unit.empty() && unit.back() == 'B') unit.pop_back();
  int shift = 0;
  if (unit.empty()) shift = 0;
  else if (unit == "K") shift = 10;
  else if (unit == "M") shift = 20;
  else if (unit == "G") shift = 30;
  else if (unit == "T") shift = 40;
  else return std::nullopt;
  if (shift > 0 && value > (std::numeric_limits<std::uint64_t>::max() >> shift)) return std::nullopt;
  return value << shift;
}

}  // namespace nmshd::connector
