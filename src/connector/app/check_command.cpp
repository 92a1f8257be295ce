// `connector check [--cleanup] [--min-free-disk BYTES] [--min-available-memory BYTES]`: the ops
// docs' "proposed connector tasks" as one command, one line per check:
//
//   OK|WARN|FAIL database     reachable, size, schema version not newer than this program
//   OK|FAIL      keyMaterial  the master key resolves, opens the key check and every sealed record
//   OK|FAIL      identity     the device logs in and the Backbone knows this address with this key
//   OK|WARN      oldMaterial  expired templates, tokens and unreferenced files (--cleanup deletes)
//   OK|FAIL      disk         free space of the data folder against --min-free-disk
//   OK|WARN      memory       MemAvailable against --min-available-memory
//
// Exit code: 0 all OK; 1 a WARN (something a person should look at, e.g. run --cleanup); 2 a FAIL.
// Read-only apart from --cleanup; it never creates an identity or a key file. It can run beside a
// running connector.
#include <optional>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "connector/app/connector_commands.h"
#include "connector/app/connector_database.h"
#include "connector/app/key_material_check.h"
#include "connector/app/old_material.h"
#include "connector/app/system_resources.h"
#include "transport/account/account.h"
#include "transport/account/secret_box.h"
#include "transport/backbone/backbone_client.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

class CheckReport {
 public:
  explicit CheckReport(std::ostream& out) : out_(out) {}
  void Ok(std::string_view check, const std::string& detail) {
    Line("OK  ", check, detail);
    ++ok_;
  }
  void Warn(std::string_view check, const std::string& detail) {
    Line("WARN", check, detail);
    ++warn_;
  }
  void Fail(std::string_view check, const std::string& detail) {
    Line("FAIL", check, detail);
    ++fail_;
  }
  int Finish() {
    out_ << "check: " << ok_ << " OK, " << warn_ << " WARN, " << fail_ << " FAIL\n";
    return fail_ > 0 ? 2 : warn_ > 0 ? 1 : 0;
  }

 private:
  void Line(std::string_view status, std::string_view check, const std::string& detail) {
    out_ << status << " " << check << ": " << detail << "\n";
    out_.flush();
  }
  std::ostream& out_;
  int ok_ = 0;
  int warn_ = 0;
  int fail_ = 0;
};

std::string Describe(const CodedError& e) { return std::string(e.what()) + " (" + e.code() + ")"; }

// The configured origin of the master key, named in failures that happen before it is read.
std::string KeyOrigin(const transport::MasterKeySettings& settings) {
  if (settings.key && !settings.key->empty()) return "keyMaterial.key";
  return "key file " + (settings.key_file ? *settings.key_file : settings.default_key_file).string();
}

// The raw Ed25519 key inside a CryptoSignaturePublicKey as the Backbone stores it (base64 or
// base64url of the JSON {"pub": …, "alg": …}).
std::optional<crypto::Bytes> PublicKeyBytes(std::string_view serialized) {
  try {
    const auto json_bytes = base64::DecodeAny(serialized);
    const auto parsed = js::parse(std::string_view(reinterpret_cast<const char*>(json_bytes.data()), json_bytes.size()));
    const auto* pub = parsed.is_object() ? parsed.as_object().if_contains("pub") : nullptr;
    if (pub == nullptr || !pub->is_string()) return std::nullopt;
    return base64::DecodeAny(pub->as_string());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// "2 expired tokens (TOK… own, expired …, …)".
std::string ListOf(const std::vector<ExpiredRecord>& records, std::string_view one, std::string_view many) {
  std::string text = std::to_string(records.size()) + " expired " + std::string(records.size() == 1 ? one : many);
  if (records.empty()) return text;
  text += " (";
  for (std::size_t i = 0; i < records.size() && i < 5; ++i) {
    if (i > 0) text += ", ";
    text += records[i].id + (records[i].own ? " own" : " peer") + ", expired " + records[i].expires_at;
  }
  if (records.size() > 5) text += ", …";
  return text + ")";
}

transport::BackboneClientOptions ClientOptions(const config::ConnectorConfig& config) {
  transport::BackboneClientOptions options;
  options.base_url = config.transport.baseUrl;
  options.client_id = config.transport.platformClientId;
  options.client_secret = config.transport.platformClientSecret;
  options.timeout = std::chrono::milliseconds(config.transport.platformTimeoutMs);
  options.max_redirects = static_cast<long>(config.transport.platformMaxRedirects);
  options.additional_headers = config.transport.platformAdditionalHeaders;
  return options;
}

}  // namespace

int RunCheckCommand(const config::ConnectorConfig& config, const CheckCommandOptions& options, std::ostream& out) {
  CheckReport report(out);

  // database
  std::unique_ptr<storage::Database> db;
  try {
    if (!ConnectorDatabaseExists(config)) {
      report.Fail("database", "there is no database at " + ConnectorDatabaseConfig(config).path);
    } else {
      db = OpenConnectorDatabase(config);
      const auto schema = db->SchemaVersion();
      const auto size = db->SizeBytes();
      if (schema > ConnectorSchemaVersion()) {
        report.Fail("database", db->Describe() + ": schema version " + std::to_string(schema) +
                                    " is newer than this program's " + std::to_string(ConnectorSchemaVersion()));
      } else {
        report.Ok("database", db->Describe() + " reachable, " + FormatBytes(size) + ", schema version " +
                                  std::to_string(schema));
      }
    }
  } catch (const CodedError& e) {
    db.reset();
    report.Fail("database", "cannot open the database: " + Describe(e));
  }

  // keyMaterial
  std::optional<transport::SecretBox> box;
  if (db) {
    const auto settings = ConnectorKeySettings(config);
    try {
      std::optional<transport::MasterKey> key;
      try {
        key.emplace(transport::MasterKey::Resolve(settings, false));
      } catch (const CodedError& e) {
        throw CodedError(e.code(), KeyOrigin(settings) + ": " + e.what());
      }
      box.emplace(std::move(*key));
      const auto found = CheckKeyMaterial(*db, *box, true);
      report.Ok("keyMaterial", box->key().source() + " opens the key check and all " +
                                   std::to_string(found.opened_records) + " sealed records of identity " + found.address);
    } catch (const CodedError& e) {
      box.reset();
      report.Fail("keyMaterial", Describe(e));
    }
  } else {
    report.Fail("keyMaterial", "not checked: no database");
  }

  // identity
  std::unique_ptr<transport::BackboneClient> backbone;
  if (box) {
    try {
      backbone = std::make_unique<transport::BackboneClient>(ClientOptions(config));
      transport::AccountOptions account_options;
      account_options.allow_identity_creation = false;
      account_options.client_id = config.transport.platformClientId;
      account_options.client_secret = config.transport.platformClientSecret;
      const auto account = transport::Account::OpenOrRegister(*db, *box, *backbone, account_options);
      const auto known = backbone->Get("/api/v2/Identities/Self").as_object();
      const auto* known_address = known.if_contains("address");
      const auto* known_key = known.if_contains("publicKey");
      const auto backbone_key =
          known_key != nullptr && known_key->is_string() ? PublicKeyBytes(known_key->as_string()) : std::nullopt;
      if (known_address == nullptr || !known_address->is_string() || known_address->as_string() != account.address()) {
        report.Fail("identity", "the Backbone answers for another address (" +
                                    (known_address != nullptr ? json::Stringify(*known_address) : std::string("none")) +
                                    ") than this database's " + account.address());
      } else if (!backbone_key || *backbone_key != account.identity_public_key().bytes()) {
        report.Fail("identity", "the Backbone knows " + account.address() +
                                    " with another public key than the one stored here");
      } else {
        report.Ok("identity", account.address() + ": the device logs in and the Backbone has the same public key");
      }
    } catch (const CodedError& e) {
      report.Fail("identity", Describe(e));
    }
  } else {
    report.Fail("identity", "not checked: the key material is not usable");
  }

  // oldMaterial
  if (db) {
    try {
      const auto material = FindOldMaterial(*db, core::CoreDate::Now());
      const std::string found = ListOf(material.templates, "relationship template", "relationship templates") +
                                ", " + ListOf(material.tokens, "token", "tokens") + ", " +
                                ListOf(material.files, "file no message refers to", "files no message refers to");
      if (material.empty()) {
        report.Ok("oldMaterial", found);
      } else if (!options.cleanup) {
        report.Warn("oldMaterial", found + "; `connector check --cleanup` deletes them");
      } else {
        const auto cleaned = CleanupOldMaterial(*db, backbone.get(), material);
        std::string detail = "deleted " + std::to_string(cleaned.deleted) + " of " + std::to_string(material.size()) +
                             " expired records: " + found;
        if (cleaned.failures.empty()) {
          report.Ok("oldMaterial", detail);
        } else {
          for (const auto& failure : cleaned.failures) detail += "; kept " + failure;
          report.Warn("oldMaterial", detail);
        }
      }
    } catch (const CodedError& e) {
      report.Fail("oldMaterial", Describe(e));
    }
  } else {
    report.Fail("oldMaterial", "not checked: no database");
  }

  // disk
  const auto folder = ConnectorDataFolder(config);
  if (const auto disk = DiskSpaceOf(folder)) {
    const std::string detail = FormatBytes(disk->available) + " free of " + FormatBytes(disk->total) + " on " +
                               folder.string() + " (threshold " + FormatBytes(options.min_free_disk_bytes) + ")";
    if (disk->available < options.min_free_disk_bytes) {
      report.Fail("disk", "only " + detail + ": free space or move the data before the database cannot write");
    } else {
      report.Ok("disk", detail);
    }
  } else {
    report.Fail("disk", "cannot measure the free space of " + folder.string());
  }

  // memory
  if (const auto memory = AvailableMemory()) {
    const std::string detail = FormatBytes(memory->available) + " available of " + FormatBytes(memory->total) +
                               " (threshold " + FormatBytes(options.min_available_memory_bytes) + ")";
    if (memory->available < options.min_available_memory_bytes) {
      report.Warn("memory", "only " + detail);
    } else {
      report.Ok("memory", detail);
    }
  } else {
    report.Warn("memory", "cannot read /proc/meminfo");
  }
  return report.Finish();
}

}  // namespace nmshd::connector
