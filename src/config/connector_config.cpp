#include "config/connector_config.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "base/coded_error.h"
#include "base/iso_date.h"
#include "config/config_checker.h"
#include "config/json_tree.h"
#include "config/layered_config.h"

namespace nmshd::config {
namespace {

// connector-surface.md §4.3, key order as officially, database replaced by our embedded default.
constexpr const char* kDefaults = R"({
  "debug": false,
  "transportLibrary": { "allowIdentityCreation": true },
  "database": { "driver": "sqlite", "dbName": "default", "folder": "./data" },
  "logging": {
    "appenders": {
      "consoleAppender": { "type": "stdout", "layout": { "type": "pattern", "pattern": "%[[%d] [%p] %c - %m %x{correlationId}%]" } },
      "console": { "type": "logLevelFilter", "level": "INFO", "appender": "consoleAppender" }
    },
    "categories": { "default": { "appenders": ["console"], "level": "TRACE" } }
  },
  "infrastructure": { "httpServer": { "enabled": true, "cors": { "origin": false },
      "authentication": { "apiKey": { "headerName": "X-API-KEY", "keys": {} }, "oidc": {}, "jwtBearer": {} } } },
  "modules": {
    "notification": { "enabled": true, "location": "@nmshd/runtime:NotificationModule" },
    "decider": { "enabled": true, "location": "@nmshd/runtime:DeciderModule" },
    "request": { "enabled": true, "location": "@nmshd/runtime:RequestModule" },
    "autoAcceptPendingRelationships": { "enabled": false, "location": "@nmshd/connector:AutoAcceptPendingRelationshipsModule" },
    "autoDecomposeDeletionProposedRelationships": { "enabled": false, "location": "@nmshd/connector:AutoDecomposeDeletionProposedRelationshipsModule" },
    "coreHttpApi": { "enabled": true, "location": "@nmshd/connector:CoreHttpApiModule", "requiredInfrastructure": ["httpServer"],
                     "docs": { "enabled": false, "rapidoc": { "persistAuth": false } } },
    "webhooks": { "enabled": false, "location": "@nmshd/connector:WebhooksModule", "targets": {}, "webhooks": [] },
    "messageBrokerPublisher": { "enabled": false, "location": "@nmshd/connector:MessageBrokerPublisherModule", "brokers": [] },
    "sync": { "enabled": false, "location": "@nmshd/connector:SyncModule", "interval": 60 },
    "sse": { "enabled": false, "location": "@nmshd/connector:SseModule" }
  }
})";

// Top-level keys of the official schema that have no default.
// `keyMaterial` is ours: where the key that encrypts the identity's secrets at rest comes from
// ({"key": "<base64 of 32 bytes>"} or {"keyFile": "<path>"}; see transport/account/master_key.h).
// `shutdownTimeoutSeconds` is ours too: the bound from SIGTERM to the exit (ConnectorConfig).
const std::vector<std::string> kExtraTopLevelKeys = {"pinnedTLSCertificateSHA256Fingerprints",
                                                     "enforceCertificatePinning", "keyMaterial",
                                                     "shutdownTimeoutSeconds"};

const std::map<std::string, std::string> kAliases = {
    {"DATABASE_NAME", "database:dbName"},
    {"DATABASE_CONNECTION_STRING", "database:connectionString"},
    {"SYNC_ENABLED", "modules:sync:enabled"},
    {"PLATFORM_CLIENT_ID", "transportLibrary:platformClientId"},
    {"PLATFORM_CLIENT_SECRET", "transportLibrary:platformClientSecret"},
    {"DEBUG", "debug"},
    {"CONNECTOR_MASTER_KEY", "keyMaterial:key"},
    {"CONNECTOR_MASTER_KEY_FILE", "keyMaterial:keyFile"},
};

}  // namespace

// The official API-key strength rule (apiKeyAuth.ts): >= 30 chars, >= 2 upper, >= 2 lower,
// >= 2 digits, >= 1 special character.
bool IsStrongApiKey(const std::string& key) {
  static const std::string kSpecial = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  int upper = 0, lower = 0, digit = 0, special = 0;
  for (char c : key) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (c >= 'a' && c <= 'z') ++lower;
    else if (c >= '0' && c <= '9') ++digit;
    else if (kSpecial.find(c) != std::string::npos) ++special;
  }
  return key.size() >= 30 && upper >= 2 && lower >= 2 && digit >= 2 && special >= 1;
}

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

void ApplyOfficialPostMergeRules(boost::json::object& merged, std::vector<std::string>& warnings) {
  auto* modules = merged.if_contains("modules");
  if (modules == nullptr || !modules->is_object()) return;
  auto& mods = modules->get_object();
  auto enabled = [&](const char* name) {
    const auto* m = mods.if_contains(name);
    if (m == nullptr || !m->is_object()) return false;
    const auto* e = m->get_object().if_contains("enabled");
    return e != nullptr && e->is_bool() && e->get_bool();
  };
  if (enabled("sync") && enabled("sse")) {
    warnings.push_back(
        "modules.sync.enabled and modules.sse.enabled are both true: the sse module already syncs, "
        "so the sync module is disabled");
    mods["sync"].get_object()["enabled"] = false;
  }
  // The runtime cannot work without these two (ConnectorRuntime forces them on as well).
  for (const char* forced : {"decider", "request"}) {
    auto* m = mods.if_contains(forced);
    if (m != nullptr && m->is_object()) m->get_object()["enabled"] = true;
  }
}

void CheckDatabase(ConfigChecker& check, const boost::json::object& root, ConnectorConfig& out) {
  const auto* db = check.Object(root, "database", "", Presence::kRequired);
  if (db == nullptr) return;
  auto driver = check.String(*db, "driver", "database", Presence::kRequired);
  if (driver == "lokijs") {
    out.warnings.push_back(
        "database.driver \"lokijs\" is served by the embedded sqlite driver (file <folder>/<dbName>.db)");
    driver = "sqlite";
  }
  if (driver && *driver != "sqlite" && *driver != "postgres" && *driver != "mongodb") {
    check.problems().Add("database.driver", "unknown driver \"" + *driver +
                                                "\" (supported: sqlite, postgres, mongodb)");
    driver.reset();
  }
  auto dbName = check.String(*db, "dbName", "database", Presence::kRequired);
  if (dbName && (dbName->find('/') != std::string::npos || dbName->find('\\') != std::string::npos ||
                 *dbName == "." || *dbName == "..")) {
    check.problems().Add("database.dbName", "must be a plain name without path separators");
  }
  bool isSqlite = driver == "sqlite";
  auto folder = check.String(*db, "folder", "database",
                             isSqlite ? Presence::kRequired : Presence::kOptional);
  auto connection = check.String(*db, "connectionString", "database",
                                 driver && !isSqlite ? Presence::kRequired : Presence::kOptional);
  if (connection && driver == "mongodb" && !StartsWith(*connection, "mongodb://") &&
      !StartsWith(*connection, "mongodb+srv://")) {
    check.problems().Add("database.connectionString",
                         "must start with mongodb:// or mongodb+srv:// for driver mongodb");
  }
  if (connection && driver == "postgres" && !StartsWith(*connection, "postgres://") &&
      !StartsWith(*connection, "postgresql://") && connection->find('=') == std::string::npos) {
    check.problems().Add("database.connectionString",
                         "must be a postgres:// or postgresql:// URI or a key=value conninfo for "
                         "driver postgres");
  }
  out.database.driver = driver.value_or("");
  out.database.dbName = dbName.value_or("");
  out.database.folder = folder.value_or("");
  out.database.connectionString = connection.value_or("");
  out.database.acceptStaleState = check.Bool(*db, "acceptStaleState", "database", Presence::kOptional).value_or(false);
}

void CheckTransport(ConfigChecker& check, const boost::json::object& root, ConnectorConfig& out) {
  const auto* t = check.Object(root, "transportLibrary", "", Presence::kRequired);
  if (t == nullptr) return;
  const char* w = "transportLibrary";
  check.OnlyKeys(*t, w,
                 {"baseUrl", "platformClientId", "platformClientSecret", "allowIdentityCreation",
                  "addressGenerationHostnameOverride", "platformTimeout", "platformMaxRedirects",
                  "platformAdditionalHeaders", "platformMaxContentLength", "datawalletEnabled",
                  "debug"});
  auto baseUrl = check.String(*t, "baseUrl", w, Presence::kRequired);
  if (baseUrl) {
    if (!StartsWith(*baseUrl, "http://") && !StartsWith(*baseUrl, "https://")) {
      check.problems().Add("transportLibrary.baseUrl", "must start with http:// or https://");
    } else if (baseUrl->find('|') != std::string::npos) {
      check.problems().Add("transportLibrary.baseUrl", "must not contain a pipe character");
    } else if (baseUrl->size() == baseUrl->find("://") + 3) {
      check.problems().Add("transportLibrary.baseUrl", "has no host");
    } else {
      out.transport.baseUrl = *baseUrl;
    }
  }
  out.transport.platformClientId = check.String(*t, "platformClientId", w, Presence::kRequired).value_or("");
  out.transport.platformClientSecret =
      check.String(*t, "platformClientSecret", w, Presence::kRequired).value_or("");
  out.transport.allowIdentityCreation =
      check.Bool(*t, "allowIdentityCreation", w, Presence::kOptional).value_or(true);
  out.transport.addressGenerationHostnameOverride =
      check.String(*t, "addressGenerationHostnameOverride", w, Presence::kOptional);
  out.transport.platformTimeoutMs =
      check.Integer(*t, "platformTimeout", w, Presence::kOptional, 1, 2147483647).value_or(60000);
  out.transport.platformMaxRedirects =
      check.Integer(*t, "platformMaxRedirects", w, Presence::kOptional, 0, 1000).value_or(10);
  check.Integer(*t, "platformMaxContentLength", w, Presence::kOptional, 0, INT64_MAX);
  out.transport.datawalletEnabled =
      check.Bool(*t, "datawalletEnabled", w, Presence::kOptional).value_or(false);
  check.Bool(*t, "debug", w, Presence::kOptional);
  if (const auto* headers = check.Object(*t, "platformAdditionalHeaders", w, Presence::kOptional)) {
    for (const auto& kv : *headers) {
      if (kv.value().is_string()) {
        out.transport.platformAdditionalHeaders.emplace_back(kv.key(), kv.value().get_string());
      } else {
        check.problems().Add("transportLibrary.platformAdditionalHeaders." + std::string(kv.key()),
                             "must be a string");
      }
    }
  }
}

// Returns whether any authentication method is enabled (§3.1 rules).
bool CheckAuthentication(ConfigChecker& check, const boost::json::object& http) {
  const char* w = "infrastructure.httpServer.authentication";
  const auto* auth = check.Object(http, "authentication", "infrastructure.httpServer", Presence::kOptional);
  if (auth == nullptr) return false;
  bool anyEnabled = false;

  if (const auto* apiKey = check.Object(*auth, "apiKey", w, Presence::kOptional)) {
    std::string aw = std::string(w) + ".apiKey";
    check.String(*apiKey, "headerName", aw, Presence::kRequired);
    auto flag = check.Bool(*apiKey, "enabled", aw, Presence::kOptional);
    const auto* keys = check.Object(*apiKey, "keys", aw, Presence::kOptional);
    bool enabled = flag.value_or(keys != nullptr && !keys->empty());
    int usable = 0;
    std::vector<std::string> weak;
    std::set<std::string> seen;
    if (keys != nullptr) {
      for (const auto& kv : *keys) {
        std::string kw = aw + ".keys." + std::string(kv.key());
        if (!kv.value().is_object()) {
          check.problems().Add(kw, "must be an object {key, enabled?, description?, expiresAt?, scopes?}");
          continue;
        }
        const auto& entry = kv.value().get_object();
        auto key = check.String(entry, "key", kw, Presence::kRequired);
        auto keyEnabled = check.Bool(entry, "enabled", kw, Presence::kOptional).value_or(true);
        check.String(entry, "description", kw, Presence::kOptional, true);
        bool expired = false;
        if (auto expiresAt = check.String(entry, "expiresAt", kw, Presence::kOptional)) {
          try {
            expired = ParseIso(*expiresAt) <= NowMs();
          } catch (const CodedError&) {
            check.problems().Add(kw + ".expiresAt", "must be an ISO 8601 date-time");
          }
        }
        if (const auto* scopes = check.Array(entry, "scopes", kw, Presence::kOptional)) {
          for (const auto& s : *scopes) {
            if (!s.is_string()) check.problems().Add(kw + ".scopes", "must contain only strings");
          }
        }
        if (!key) continue;
        if (!seen.insert(*key).second) {
          check.problems().Add(kw + ".key", "is the same key as another entry (keys must be unique)");
        }
        if (!keyEnabled || expired) continue;
        ++usable;
        if (!IsStrongApiKey(*key)) weak.push_back(std::string(kv.key()));
      }
    }
    if (!weak.empty()) {
      std::string names;
      for (const auto& n : weak) names += (names.empty() ? "" : ", ") + n;
      check.problems().Add(aw + ".keys",
                           "keys " + names +
                               " are too weak (need at least 30 characters with 2 upper-case, 2 "
                               "lower-case, 2 digits and 1 special character)");
    }
    if (enabled && usable == 0) {
      check.problems().Add(aw + ".keys", "API key authentication is enabled but no key is enabled and unexpired");
    }
    anyEnabled = anyEnabled || (enabled && usable > 0);
  }
  for (const char* method : {"oidc", "jwtBearer"}) {
    if (const auto* m = check.Object(*auth, method, w, Presence::kOptional)) {
      auto flag = check.Bool(*m, "enabled", std::string(w) + "." + method, Presence::kOptional);
      bool hasOptions = false;
      for (const auto& kv : *m) hasOptions = hasOptions || kv.key() != "enabled";
      anyEnabled = anyEnabled || flag.value_or(hasOptions);
    }
  }
  return anyEnabled;
}

void CheckInfrastructure(ConfigChecker& check, const boost::json::object& root, ConnectorConfig& out) {
  const auto* infra = check.Object(root, "infrastructure", "", Presence::kRequired);
  if (infra == nullptr) return;
  const auto* http = check.Object(*infra, "httpServer", "infrastructure", Presence::kRequired);
  if (http == nullptr) return;
  const char* w = "infrastructure.httpServer";
  out.httpServer.enabled = check.Bool(*http, "enabled", w, Presence::kOptional).value_or(true);
  out.httpServer.port = static_cast<std::uint16_t>(
      check.Integer(*http, "port", w, Presence::kOptional, 0, 65535, true).value_or(80));  // 0: ephemeral (tests)
  check.Object(*http, "cors", w, Presence::kOptional);
  check.Object(*http, "helmetOptions", w, Presence::kOptional);
  bool authEnabled = CheckAuthentication(check, *http);
  if (!out.debug && out.httpServer.enabled && !authEnabled) {
    check.problems().Add("infrastructure.httpServer.authentication",
                         "no API key and no OAuth configuration is set; at least one is required "
                         "in production mode (debug: false)");
  }
}

void CheckModules(ConfigChecker& check, const boost::json::object& root, ConnectorConfig& out) {
  const auto* modules = check.Object(root, "modules", "", Presence::kRequired);
  if (modules == nullptr) return;
  for (const auto& kv : *modules) {
    std::string mw = "modules." + std::string(kv.key());
    if (!kv.value().is_object()) {
      check.problems().Add(mw, "must be an object, not " + DescribeKind(kv.value()));
      continue;
    }
    const auto& m = kv.value().get_object();
    bool enabled = check.Bool(m, "enabled", mw, Presence::kOptional).value_or(false);
    check.String(m, "location", mw, Presence::kOptional);
    check.String(m, "displayName", mw, Presence::kOptional);
    if (const auto* required = check.Array(m, "requiredInfrastructure", mw, Presence::kOptional)) {
      for (const auto& r : *required) {
        if (!r.is_string()) {
          check.problems().Add(mw + ".requiredInfrastructure", "must contain only strings");
        } else if (enabled && r.get_string() == "httpServer" && !out.httpServer.enabled) {
          check.problems().Add(mw, "requires the 'httpServer' infrastructure, but "
                                   "infrastructure.httpServer.enabled is false");
        } else if (enabled && r.get_string() != "httpServer") {
          check.problems().Add(mw + ".requiredInfrastructure",
                               "unknown infrastructure \"" + std::string(r.get_string()) + "\"");
        }
      }
    }
  }
  if (const auto* sync = check.Object(*modules, "sync", "modules", Presence::kOptional)) {
    check.Integer(*sync, "interval", "modules.sync", Presence::kOptional, 1, 86400 * 365);
  }
  if (const auto* api = check.Object(*modules, "coreHttpApi", "modules", Presence::kOptional)) {
    if (const auto* docs = check.Object(*api, "docs", "modules.coreHttpApi", Presence::kOptional)) {
      bool docsEnabled = check.Bool(*docs, "enabled", "modules.coreHttpApi.docs", Presence::kOptional).value_or(false);
      if (docsEnabled && !out.debug) {
        check.problems().Add("modules.coreHttpApi.docs.enabled", "is only allowed in debug mode");
      }
    }
  }
}

void CheckPinning(ConfigChecker& check, const boost::json::object& root) {
  check.Bool(root, "enforceCertificatePinning", "", Presence::kOptional);
  const auto* pins = check.Object(root, "pinnedTLSCertificateSHA256Fingerprints", "", Presence::kOptional);
  if (pins == nullptr) return;
  auto isHost = [](std::string_view h) {
    return !h.empty() && std::all_of(h.begin(), h.end(), [](unsigned char c) {
      return std::isalnum(c) != 0 || c == '.' || c == '-';
    });
  };
  for (const auto& kv : *pins) {
    std::string pw = "pinnedTLSCertificateSHA256Fingerprints." + std::string(kv.key());
    if (!isHost(kv.key())) {
      check.problems().Add(pw, "must be a bare hostname (no scheme, port or path)");
    }
    if (!kv.value().is_array()) {
      check.problems().Add(pw, "must be an array of SHA-256 fingerprints");
      continue;
    }
    for (const auto& fp : kv.value().get_array()) {
      std::string hex;
      if (fp.is_string()) {
        for (char c : fp.get_string()) {
          if (c != ':') hex.push_back(c);
        }
      }
      bool isSha256Hex = hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](unsigned char c) {
                           return std::isxdigit(c) != 0;
                         });
      if (!isSha256Hex) {
        check.problems().Add(pw, "fingerprints must be 64 hex digits (colons optional)");
      }
    }
  }
}

}  // namespace

const boost::json::object& ConnectorConfig::Module(const std::string& name) const {
  static const boost::json::object kEmpty;
  const auto* modules = effective.if_contains("modules");
  if (modules == nullptr || !modules->is_object()) return kEmpty;
  const auto* m = modules->get_object().if_contains(name);
  return m != nullptr && m->is_object() ? m->get_object() : kEmpty;
}

bool ConnectorConfig::ModuleEnabled(const std::string& name) const {
  const auto* e = Module(name).if_contains("enabled");
  return e != nullptr && e->is_bool() && e->get_bool();
}

boost::json::object ConnectorDefaults() { return boost::json::parse(kDefaults).get_object(); }

ConnectorConfig ValidateConnectorConfig(boost::json::object merged) {
  ConnectorConfig out;
  ApplyOfficialPostMergeRules(merged, out.warnings);

  ConfigProblems problems;
  ConfigChecker check(problems);
  out.debug = check.Bool(merged, "debug", "", Presence::kRequired).value_or(false);
  CheckDatabase(check, merged, out);
  CheckTransport(check, merged, out);
  check.Object(merged, "logging", "", Presence::kRequired);  // details: nmshd_logging
  CheckInfrastructure(check, merged, out);
  CheckModules(check, merged, out);
  CheckPinning(check, merged);
  out.shutdownTimeoutSeconds =
      check.Integer(merged, "shutdownTimeoutSeconds", "", Presence::kOptional, 2, 3600).value_or(15);
  problems.ThrowIfAny("connector configuration");

  // Normalise the lokijs synonym so every later reader sees one driver name.
  if (auto* db = merged.if_contains("database"); db != nullptr && db->is_object()) {
    db->get_object()["driver"] = out.database.driver;
  }
  out.effective = std::move(merged);
  return out;
}

ConnectorConfig LoadConnectorConfig(const ConfigSources& sources) {
  LayerSchema schema{ConnectorDefaults(), kExtraTopLevelKeys, kAliases};
  LayeredConfig layered = BuildLayeredConfig(schema, sources);
  ConnectorConfig config = ValidateConnectorConfig(std::move(layered.merged));
  config.configFile = layered.file;
  return config;
}

}  // namespace nmshd::config
