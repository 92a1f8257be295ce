#pragma once
// The `connector` executable's configuration: the official Connector's layering, aliases, defaults
// and validation (connector-surface.md §4), with our embedded default database.
//
// Defaults (ConnectorDefaults()) are the official ones of §4.3 except `database`:
//   {"driver": "sqlite", "dbName": "default", "folder": "./data"}
// Drivers: "sqlite" (file <folder>/<dbName>.db), "postgres" and "mongodb" (both need
// `connectionString`). "lokijs", the official embedded driver, is accepted as a synonym of
// "sqlite" (with a warning) so official configs such as the Connector's .dev/test.json load.
//
// Environment aliases: DATABASE_NAME, DATABASE_CONNECTION_STRING, SYNC_ENABLED, PLATFORM_CLIENT_ID,
// PLATFORM_CLIENT_SECRET, DEBUG. The config file comes from --config/-c, CUSTOM_CONFIG_LOCATION or
// ./config.json (layered_config.h).
//
// After merging, as officially: sync and sse both enabled -> warning, sync disabled; `decider` and
// `request` modules are forced on. Then validation: every problem is collected and thrown as one
// CodedError "error.config.invalid" whose message names each key and what is wrong.
#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/config_sources.h"

namespace nmshd::config {

struct ConnectorDatabaseSettings {
  std::string driver;            // "sqlite" | "postgres" | "mongodb"
  std::string dbName;            // one Connector = one identity = one database
  std::string folder;            // sqlite only
  std::string connectionString;  // postgres/mongodb only
  // Ours: start although the Backbone knows a newer state than this database (a restored older
  // backup); what is missing is then lost. Also `connector start --accept-stale-database`.
  bool acceptStaleState = false;
};

struct ConnectorTransportSettings {
  std::string baseUrl;
  std::string platformClientId;
  std::string platformClientSecret;
  bool allowIdentityCreation = true;
  std::optional<std::string> addressGenerationHostnameOverride;
  std::int64_t platformTimeoutMs = 60000;
  std::int64_t platformMaxRedirects = 10;
  std::vector<std::pair<std::string, std::string>> platformAdditionalHeaders;
  bool datawalletEnabled = false;
};

struct ConnectorHttpServerSettings {
  bool enabled = true;
  std::uint16_t port = 80;
};

struct ConnectorConfig {
  bool debug = false;
  ConnectorDatabaseSettings database;
  ConnectorTransportSettings transport;
  ConnectorHttpServerSettings httpServer;
  // Ours: the bound from SIGTERM/SIGINT to the process exit. In-flight requests get two thirds of
  // it, queued events and the last state push the rest; what has not finished by then is abandoned
  // (every write is a transaction, so that is no worse than a crash) and the exit code is 1.
  // Keep it below the orchestrator's stop timeout (Kubernetes: 30 s; Docker: 10 s, so there raise
  // stop_grace_period or lower this).
  std::int64_t shutdownTimeoutSeconds = 15;
  // The whole effective configuration (after the sync/sse rule and forced modules): modules,
  // logging, authentication and everything else is read from here by its owner.
  boost::json::object effective;
  // Non-fatal findings to be logged at startup (e.g. "modules.sync.enabled and modules.sse.enabled
  // are both true: sync is disabled").
  std::vector<std::string> warnings;
  std::optional<std::filesystem::path> configFile;

  // `effective.modules[name]`, or an empty object.
  const boost::json::object& Module(const std::string& name) const;
  bool ModuleEnabled(const std::string& name) const;
};

boost::json::object ConnectorDefaults();

// The official API-key strength rule (apiKeyAuth.ts): at least 30 characters with 2 upper-case,
// 2 lower-case, 2 digits and 1 special character. Shared with the connector's API-key check.
bool IsStrongApiKey(const std::string& key);

// Layers, applies the official post-merge rules, validates. Throws CodedError
// (error.config.invalid / fileNotFound / invalidFile / invalidArgument).
ConnectorConfig LoadConnectorConfig(const ConfigSources& sources);

// Validation and typed extraction of an already merged object (also used by tests and by
// LoadConnectorConfig). `warnings` receives the non-fatal findings.
ConnectorConfig ValidateConnectorConfig(boost::json::object merged);

}  // namespace nmshd::config
