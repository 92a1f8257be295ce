#pragma once
// The `backbone` executable's configuration. Same layering as the connector (layered_config.h:
// argv > environment > file > defaults, `__` or `:` nesting, CUSTOM_CONFIG_LOCATION / -c), no
// aliases. The official Backbone uses .NET appsettings; we keep only what our server needs, in
// one small camelCase JSON structure. Defaults:
//
// {
//   "debug": false,
//   "httpServer": { "address": "127.0.0.1", "port": 8090,    // loopback unless told otherwise;
//                   "workerThreads": 8 },   // port 0: an ephemeral port (the server prints it);
//                                           // workerThreads 1..256: requests handled at once (an
//                                           // answer waiting for its flush holds no worker)
//   "didDomainName": "localhost",           // DidDomainName: the host part of did:e:<host>:dids:…,
//                                           // must equal the clients' baseUrl hostname (3..45 chars)
//   "platformClients": [],                  // [{ "clientId", "clientSecret", "maxIdentities"? }]
//   "database": { "driver": "sqlite", "dbName": "backbone", "folder": "./data" },
//                                           // or { "driver": "postgres", "connectionString": "postgresql://…" }
//   "authentication": { "jwtLifetimeInSeconds": 300,           // access-token lifetime, 60..3600
//                       "maxFailedAccessAttempts": 3,          // ASP.NET Identity lockout: failed
//                       "lockoutMinutes": 10 },                // logins before, and its duration
//   "limits": {
//     "maxRequestBodyBytes": 20971520,      // Kestrel's 20 MiB
//     "maxContentBytes": 10485760,          // template/token/message/file content, 10 MiB
//     "defaultPageSize": 50, "maxPageSize": 200,
//     "maxNumberOfMessageRecipients": 1
//   },
//   "identityDeletion": { "gracePeriodInDays": 14 },
//   "logging": <the connector's default log4js-shaped section>
// }
//
// No platform client means no identity can be created: that is a warning, not an error, so a
// test server can start empty and get clients from a file later.
#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/config_sources.h"

namespace nmshd::config {

struct PlatformClient {
  std::string clientId;
  std::string clientSecret;
  std::optional<std::int64_t> maxIdentities;  // absent: unlimited
};

struct BackboneLimits {
  std::int64_t maxRequestBodyBytes = 20971520;
  std::int64_t maxContentBytes = 10485760;
  std::int64_t defaultPageSize = 50;
  std::int64_t maxPageSize = 200;
  std::int64_t maxNumberOfMessageRecipients = 1;
};

struct BackboneConfig {
  bool debug = false;
  std::string listenAddress = "127.0.0.1";
  std::uint16_t port = 8090;
  std::int64_t workerThreads = 8;
  std::string didDomainName = "localhost";
  std::vector<PlatformClient> platformClients;
  std::string databaseDriver = "sqlite";  // "sqlite" | "postgres"
  std::string databaseName = "backbone";
  std::string databaseFolder = "./data";
  std::string databaseConnectionString;
  std::int64_t jwtLifetimeSeconds = 300;
  std::int64_t maxFailedAccessAttempts = 3;
  std::int64_t lockoutMinutes = 10;
  BackboneLimits limits;
  std::int64_t identityDeletionGracePeriodDays = 14;

  boost::json::object effective;
  std::vector<std::string> warnings;
  std::optional<std::filesystem::path> configFile;

  const PlatformClient* FindClient(std::string_view clientId) const;
};

boost::json::object BackboneDefaults();
BackboneConfig LoadBackboneConfig(const ConfigSources& sources);
BackboneConfig ValidateBackboneConfig(boost::json::object merged);

}  // namespace nmshd::config
