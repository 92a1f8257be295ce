#pragma once
// nconf-style layering shared by the connector and the backbone configuration. Highest first:
//   1. command-line arguments  `--a:b:c=value`, `--a__b__c=value`, `--a:b:c value`, bare `--flag` = true
//   2. environment variables   `a__b__c=value` or `a:b:c=value`, plus the schema's aliases
//   3. the JSON config file    `--config/-c <path>`, else env CUSTOM_CONFIG_LOCATION, else
//                              `config.json` in the working directory
//   4. the in-code defaults
// Objects deep-merge across layers (json_tree.h). Values from arguments and environment are parsed
// as JSON when they parse (`8080`, `true`, `{"driver":"sqlite"}`), else kept as strings.
//
// Deliberate difference from the official Connector: nconf's `.env()` takes EVERY environment
// variable into the configuration (PATH, HOME, ... end up in /Monitoring/Support). Here only
// variables whose first key segment is a known top-level key of the schema (or an alias) are
// taken, so the process environment does not pollute or leak into the configuration.
//
// Errors (CodedError):
//   error.config.fileNotFound    an explicitly named file (-c / CUSTOM_CONFIG_LOCATION) is missing
//   error.config.invalidFile     the file is a directory, unreadable, not JSON (with line/column)
//                                or not a JSON object
//   error.config.invalidArgument a malformed argument (`--config` without a path, unknown `-x`)
#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config_sources.h"

namespace nmshd::config {

struct LayerSchema {
  boost::json::object defaults;
  // Top-level keys accepted from the environment besides those present in `defaults`.
  std::vector<std::string> extraTopLevelKeys;
  // Environment variable name -> key path ("database:dbName").
  std::map<std::string, std::string> environmentAliases;
};

struct LayeredConfig {
  boost::json::object merged;
  // The file that was read, if any.
  std::optional<std::filesystem::path> file;
};

inline constexpr const char* kConfigLocationVariable = "CUSTOM_CONFIG_LOCATION";

LayeredConfig BuildLayeredConfig(const LayerSchema& schema, const ConfigSources& sources);

// Reads and parses a config file; throws as described above. Exposed for tests and tools.
boost::json::object ReadConfigFile(const std::filesystem::path& path);

}  // namespace nmshd::config
