#pragma once
// The host resources `connector check` reports: free disk space of the data folder and available
// memory (the ops docs' "check HDD and RAM", built in), plus byte sizes for options and messages.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace nmshd::connector {

struct SpaceInfo {
  std::uint64_t available = 0;  // what an unprivileged process can still use
  std::uint64_t total = 0;
};

// Of the file system holding `path` (or its nearest existing parent); nullopt when unknown.
std::optional<SpaceInfo> DiskSpaceOf(const std::filesystem::path& path);
// MemAvailable / MemTotal of /proc/meminfo (or the given file); nullopt when unreadable.
std::optional<SpaceInfo> AvailableMemory(const std::filesystem::path& meminfo = "/proc/meminfo");

// "1.5 GiB", "512.0 MiB", "100 B".
std::string FormatBytes(std::uint64_t bytes);
// "1073741824", "512M", "1G", "64k" (binary units: K/M/G/T, an optional trailing "iB" or "B");
// nullopt for anything else.
std::optional<std::uint64_t> ParseByteSize(std::string_view text);

}  // namespace nmshd::connector
