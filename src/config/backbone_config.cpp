#include "config/backbone_config.h"

#include <set>

#include "config/config_checker.h"
#include "config/connector_config.h"
#include "config/layered_config.h"

namespace nmshd::config {
namespace {

constexpr const char* kDefaults = R"({
  "debug": false,
  "httpServer": { "address": "127.0.0.1", "port": 8090, "workerThreads": 8 },
  "didDomainName": "localhost",
  "platformClients": [],
  "database": { "driver": "sqlite", "dbName": "backbone", "folder": "./data" },
  "authentication": { "jwtLifetimeInSeconds": 300, "maxFailedAccessAttempts": 3, "lockoutMinutes": 10 },
  "limits": { "maxRequestBodyBytes": 20971520, "maxContentBytes": 10485760,
              "defaultPageSize": 50, "maxPageSize": 200, "maxNumberOfMessageRecipients": 1 },
  "identityDeletion": { "gracePeriodInDays": 14 }
})";

bool IsHostname(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

const PlatformClient* BackboneConfig::FindClient(std::string_view clientId) const {
  for (const auto& c : platformClients) {
    if (c.clientId == clientId) return &c;
  }
  return nullptr;
}

boost::json::object BackboneDefaults() {
  boost::json::object defaults = boost::json::parse(kDefaults).get_object();
  defaults["logging"] = ConnectorDefaults()["logging"];
  return defaults;
}

BackboneConfig ValidateBackboneConfig(boost::json::object merged) {
  BackboneConfig out;
  ConfigProblems problems;
  ConfigChecker check(problems);

  out.debug = check.Bool(merged, "debug", "", Presence::kRequired).value_or(false);

  if (const auto* http = check.Object(merged, "httpServer", "", Presence::kRequired)) {
    check.OnlyKeys(*http, "httpServer", {"address", "port", "workerThreads"});
    out.listenAddress = check.String(*http, "address", "httpServer", Presence::kRequired).value_or("");
    out.port = static_cast<std::uint16_t>(
        check.Integer(*http, "port", "httpServer", Presence::kRequired, 0, 65535, true).value_or(0));
    out.workerThreads = check.Integer(*http, "workerThreads", "httpServer", Presence::kOptional, 1, 256, true)
                            .value_or(out.workerThreads);
  }

  if (auto domain = check.String(merged, "didDomainName", "", Presence::kRequired)) {
    if (domain->size() < 3 || domain->size() > 45 || !IsHostname(*domain)) {
      problems.Add("didDomainName", "must be a hostname of 3..45 characters (letters, digits, '.', '-')");
    } else {
      out.didDomainName = *domain;
    }
  }

  if (const auto* clients = check.Array(merged, "platformClients", "", Presence::kRequired)) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < clients->size(); ++i) {
      std::string cw = "platformClients[" + std::to_string(i) + "]";
      if (!(*clients)[i].is_object()) {
        problems.Add(cw, "must be an object {clientId, clientSecret, maxIdentities?}");
        continue;
      }
      const auto& c = (*clients)[i].get_object();
      check.OnlyKeys(c, cw, {"clientId", "clientSecret", "maxIdentities"});
      auto id = check.String(c, "clientId", cw, Presence::kRequired);
      auto secret = check.String(c, "clientSecret", cw, Presence::kRequired);
      std::optional<std::int64_t> max;
      if (const auto* m = c.if_contains("maxIdentities"); m != nullptr && !m->is_null()) {
        max = check.Integer(c, "maxIdentities", cw, Presence::kOptional, 0, INT64_MAX);
      }
      if (id && !ids.insert(*id).second) problems.Add(cw + ".clientId", "is used by another client");
      if (id && secret) out.platformClients.push_back(PlatformClient{*id, *secret, max});
    }
    if (clients->empty()) {
      out.warnings.push_back("platformClients is empty: no client can log in or create identities");
    }
  }

  if (const auto* db = check.Object(merged, "database", "", Presence::kRequired)) {
    auto driver = check.String(*db, "driver", "database", Presence::kRequired);
    if (driver && *driver != "sqlite" && *driver != "postgres") {
      problems.Add("database.driver", "unknown driver \"" + *driver + "\" (supported: sqlite, postgres)");
      driver.reset();
    }
    bool sqlite = driver == "sqlite";
    out.databaseDriver = driver.value_or("");
    out.databaseName = check.String(*db, "dbName", "database", sqlite ? Presence::kRequired : Presence::kOptional).value_or("");
    out.databaseFolder = check.String(*db, "folder", "database", sqlite ? Presence::kRequired : Presence::kOptional).value_or("");
    out.databaseConnectionString =
        check.String(*db, "connectionString", "database",
                     driver == "postgres" ? Presence::kRequired : Presence::kOptional).value_or("");
  }

  if (const auto* auth = check.Object(merged, "authentication", "", Presence::kRequired)) {
    check.OnlyKeys(*auth, "authentication", {"jwtLifetimeInSeconds", "maxFailedAccessAttempts", "lockoutMinutes"});
    out.jwtLifetimeSeconds =
        check.Integer(*auth, "jwtLifetimeInSeconds", "authentication", Presence::kRequired, 60, 3600).value_or(300);
    out.maxFailedAccessAttempts =
        check.Integer(*auth, "maxFailedAccessAttempts", "authentication", Presence::kRequired, 1, 1000).value_or(3);
    out.lockoutMinutes =
        check.Integer(*auth, "lockoutMinutes", "authentication", Presence::kRequired, 0, 100000).value_or(10);
  }

  if (const auto* limits = check.Object(merged, "limits", "", Presence::kRequired)) {
    const char* w = "limits";
    check.OnlyKeys(*limits, w, {"maxRequestBodyBytes", "maxContentBytes", "defaultPageSize",
                                "maxPageSize", "maxNumberOfMessageRecipients"});
    auto& l = out.limits;
    l.maxRequestBodyBytes = check.Integer(*limits, "maxRequestBodyBytes", w, Presence::kRequired, 1024, INT64_MAX).value_or(l.maxRequestBodyBytes);
    l.maxContentBytes = check.Integer(*limits, "maxContentBytes", w, Presence::kRequired, 1, INT64_MAX).value_or(l.maxContentBytes);
    l.defaultPageSize = check.Integer(*limits, "defaultPageSize", w, Presence::kRequired, 1, 100000).value_or(l.defaultPageSize);
    l.maxPageSize = check.Integer(*limits, "maxPageSize", w, Presence::kRequired, 1, 100000).value_or(l.maxPageSize);
    l.maxNumberOfMessageRecipients = check.Integer(*limits, "maxNumberOfMessageRecipients", w, Presence::kRequired, 1, 10000).value_or(l.maxNumberOfMessageRecipients);
    if (l.defaultPageSize > l.maxPageSize) problems.Add("limits.defaultPageSize", "must not exceed limits.maxPageSize");
    if (l.maxContentBytes > l.maxRequestBodyBytes) problems.Add("limits.maxContentBytes", "must not exceed limits.maxRequestBodyBytes");
  }

  if (const auto* deletion = check.Object(merged, "identityDeletion", "", Presence::kRequired)) {
    out.identityDeletionGracePeriodDays =
        check.Integer(*deletion, "gracePeriodInDays", "identityDeletion", Presence::kRequired, 0, 3650).value_or(14);
  }
  check.Object(merged, "logging", "", Presence::kRequired);

  problems.ThrowIfAny("backbone configuration");
  out.effective = std::move(merged);
  return out;
}

BackboneConfig LoadBackboneConfig(const ConfigSources& sources) {
  LayerSchema schema{BackboneDefaults(), {}, {}};
  LayeredConfig layered = BuildLayeredConfig(schema, sources);
  BackboneConfig config = ValidateBackboneConfig(std::move(layered.merged));
  config.configFile = layered.file;
  return config;
}

}  // namespace nmshd::config
