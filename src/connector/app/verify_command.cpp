// `connector verify FILE`: reads a backup completely and checks it, changing nothing: every frame
// authenticates up to the final one, the record counts, SQLite's integrity check of the decrypted
// copy, the schema version against this program's, the identity, and (when a key is at hand: the
// backup's own or the configured one) that the master key opens the identity's secrets.
#include <sodium.h>

#include "base/coded_error.h"
#include "connector/app/connector_commands.h"
#include "connector/app/connector_database.h"
#include "connector/app/key_material_check.h"
#include "storage/backup_passphrase.h"
#include "storage/database_backup.h"
#include "transport/account/secret_box.h"

namespace nmshd::connector {

int RunVerifyCommand(const config::ConnectorConfig& config, const VerifyCommandOptions& options, std::ostream& out) {
  std::string passphrase;
  std::unique_ptr<storage::VerifiedBackup> verified;
  try {
    passphrase = storage::ReadBackupPassphrase(options.passphrase_file, kBackupPassphraseVariable);
    verified = storage::VerifiedBackup::Open(options.file, passphrase, {"connector", ConnectorSchemaVersion()});
    sodium_memzero(passphrase.data(), passphrase.size());
  } catch (const CodedError& e) {
    sodium_memzero(passphrase.data(), passphrase.size());
    out << "FAIL backup: " << e.what() << " (" << e.code() << ")\n";
    return 1;
  }
  const auto& header = verified->header();
  const auto& contents = verified->contents();
  bool failed = false;
  out << "OK   backup: " << options.file.string() << ": connector backup of " << header.created_at << " from "
      << header.source_driver << ", every frame authenticates, " << contents.documents << " documents, "
      << contents.sequences << " sequences, integrity check passed\n";
  out << "OK   schema: version " << header.schema_version << " (this program writes " << ConnectorSchemaVersion()
      << ")\n";

  const auto* label = header.labels.if_contains("identityAddress");
  const std::string labelled = label != nullptr && label->is_string() ? std::string(label->as_string()) : "";
  const auto self = verified->database().Get("account", "self");
  const auto* stored = self ? self->if_contains("address") : nullptr;
  const std::string address = stored != nullptr && stored->is_string() ? std::string(stored->as_string()) : "";
  if (address.empty()) {
    out << "FAIL identity: the backup holds no identity\n";
    failed = true;
  } else if (address != labelled) {
    out << "FAIL identity: the data holds " << address << " but the header names " << labelled << "\n";
    failed = true;
  } else {
    out << "OK   identity: " << address << "\n";
  }

  if (!address.empty()) {
    std::optional<transport::MasterKey> key;
    std::string where;
    if (auto it = contents.attachments.find("masterKey"); it != contents.attachments.end()) {
      try {
        key = transport::MasterKey::FromText(it->second);
        where = "the backup's own master key";
      } catch (const CodedError& e) {
        out << "FAIL masterKey: the backup's master key is malformed: " << e.what() << "\n";
        failed = true;
      }
    } else {
      try {
        key = transport::MasterKey::Resolve(ConnectorKeySettings(config), false);
        where = key->source();
      } catch (const CodedError& e) {
        out << "WARN masterKey: not in the backup and not usable from the configuration (" << e.what()
            << "); restore will need the key the identity was sealed with\n";
      }
    }
    if (key) {
      try {
        const auto report = CheckKeyMaterial(verified->database(), transport::SecretBox(std::move(*key)), true);
        out << "OK   masterKey: " << where << " opens the identity's secrets and all " << report.opened_records
            << " sealed records\n";
      } catch (const CodedError& e) {
        out << "FAIL masterKey: " << where << ": " << e.what() << " (" << e.code() << ")\n";
        failed = true;
      }
    }
  }
  return failed ? 1 : 0;
}

}  // namespace nmshd::connector
