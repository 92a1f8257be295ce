// `connector backup FILE`: an online, encrypted backup of the connector's database while it serves.
#include <sodium.h>

#include "base/coded_error.h"
#include "connector/app/connector_commands.h"
#include "connector/app/connector_database.h"
#include "connector/app/key_material_check.h"
#include "core/core_date.h"
#include "storage/backup_passphrase.h"
#include "storage/database_backup.h"
#include "transport/account/account.h"
#include "transport/account/secret_box.h"

namespace nmshd::connector {

namespace {

// Where restore will look for the master key, for the reminder printed after a backup without it.
std::string KeyLocation(const config::ConnectorConfig& config) {
  const auto settings = ConnectorKeySettings(config);
  if (settings.key && !settings.key->empty()) return "the configured keyMaterial.key";
  return "the key file " + (settings.key_file ? *settings.key_file : settings.default_key_file).string();
}

}  // namespace

int RunBackupCommand(const config::ConnectorConfig& config, const BackupCommandOptions& options, std::ostream& out) {
  std::string passphrase;
  try {
    passphrase = storage::ReadBackupPassphrase(options.passphrase_file, kBackupPassphraseVariable);
    if (!ConnectorDatabaseExists(config)) {
      throw CodedError("error.connector.backup.noDatabase",
                       "there is no database at " + ConnectorDatabaseConfig(config).path);
    }
    auto db = OpenConnectorDatabase(config);
    const auto self = db->Get(transport::Account::kCollection, "self");
    if (!self) {
      throw CodedError("error.transport.general.noIdentityFound", "the database holds no identity; nothing to back up");
    }
    const auto* address_value = self->if_contains("address");
    const std::string address =
        address_value != nullptr && address_value->is_string() ? std::string(address_value->as_string()) : "";

    std::map<std::string, std::string> attachments;
    if (options.include_master_key) {
      auto key = transport::MasterKey::Resolve(ConnectorKeySettings(config), false);
      auto text = key.ToText();
      transport::SecretBox box(std::move(key));
      // Never pack a key that does not open this identity.
      CheckKeyMaterial(*db, box, false);
      attachments["masterKey"] = text;
      sodium_memzero(text.data(), text.size());
    }

    storage::BackupHeader header;
    header.kind = "connector";
    header.created_at = core::CoreDate::Now().ToString();
    header.labels = boost::json::object{{"identityAddress", address}, {"includesMasterKey", options.include_master_key}};
    const auto summary = storage::WriteDatabaseBackup(*db, options.file, passphrase, header, attachments);
    sodium_memzero(passphrase.data(), passphrase.size());
    out << "backup written: " << options.file.string() << " (" << summary.bytes << " bytes; identity " << address
        << "; " << summary.documents << " documents, " << summary.sequences << " sequences; schema version "
        << summary.schema_version << ")\n";
    if (options.include_master_key) {
      out << "the master key is in the backup: the passphrase alone now protects the identity\n";
    } else {
      out << "the master key is NOT in the backup: keep " << KeyLocation(config)
          << " safe and apart from it; restore and verify need it\n";
    }
    return 0;
  } catch (const CodedError& e) {
    sodium_memzero(passphrase.data(), passphrase.size());
    out << "backup failed: " << e.what() << " (" << e.code() << ")\n";
    return 1;
  } catch (const std::exception& e) {
    sodium_memzero(passphrase.data(), passphrase.size());
    out << "backup failed: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace nmshd::connector
