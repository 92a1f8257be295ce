// `connector restore FILE [--force]`: the connector's database from a backup, while it is stopped.
//
// Order: the passphrase, the instance lock (refused while a connector runs on the database: it
// would keep writing into what is being replaced), the whole file decrypted and verified into a
// temporary database (VerifiedBackup), the master key settled, and only then one transaction that
// fills the configured database. Nothing is written to the target before the file has been read to
// its end and checked.
//
// The master key: the backup's own copy (--include-master-key at backup time) or the configured one
// must open the backup's identity. A configured key or an existing key file that does not is never
// replaced: move it away first (it belongs to another identity). A backup's key is written to the
// configured key file location (0600) when there is none.
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/coded_error.h"
#include "connector/app/connector_commands.h"
#include "connector/app/connector_database.h"
#include "connector/app/key_material_check.h"
#include "storage/backup_passphrase.h"
#include "storage/database_backup.h"
#include "storage/instance_lock.h"
#include "transport/account/secret_box.h"
#include "transport/modules/relationships/relationship_channel.h"

namespace nmshd::connector {
namespace {

namespace fs = std::filesystem;

void WriteNewKeyFile(const fs::path& path, const std::string& text) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw CodedError("error.connector.keyMaterial.unreadable",
                     "cannot create the key file " + path.string() + ": " + std::strerror(errno));
  }
  const std::string line = text + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw CodedError("error.connector.keyMaterial.unreadable", "cannot write the key file " + path.string());
}

bool Opens(storage::Database& db, transport::MasterKey key) {
  try {
    CheckKeyMaterial(db, transport::SecretBox(std::move(key)), false);
    return true;
  } catch (const CodedError&) {
    return false;
  }
}

}  // namespace

int RunRestoreCommand(const config::ConnectorConfig& config, const RestoreCommandOptions& options, std::ostream& out) {
  std::string passphrase;
  try {
    passphrase = storage::ReadBackupPassphrase(options.passphrase_file, kBackupPassphraseVariable);
    const auto db_config = ConnectorDatabaseConfig(config);
    if (db_config.driver == "sqlite") fs::create_directories(config.database.folder);
    const auto lock = storage::InstanceLock::TryAcquire(db_config);
    if (!lock) {
      throw CodedError("error.connector.restore.connectorRunning",
                       "a connector is running on this database; stop it before restoring");
    }
    auto verified = storage::VerifiedBackup::Open(options.file, passphrase, {"connector", ConnectorSchemaVersion()});
    sodium_memzero(passphrase.data(), passphrase.size());
    auto& backup_db = verified->database();
    if (!backup_db.Get("account", "self")) {
      throw CodedError("error.backup.corrupt", "the backup holds no identity");
    }

    // Settle the master key before the database is touched.
    const auto settings = ConnectorKeySettings(config);
    const auto included = verified->contents().attachments.find("masterKey");
    std::optional<std::string> key_to_write;
    fs::path key_path = settings.key_file ? *settings.key_file : settings.default_key_file;
    std::string key_note;
    try {
      auto configured = transport::MasterKey::Resolve(settings, false);
      const auto source = configured.source();
      if (!Opens(backup_db, std::move(configured))) {
        throw CodedError("error.connector.keyMaterial.wrongKey",
                         "the configured key material (" + source +
                             ") does not open the backup's identity; it belongs to another identity: move it away "
                             "or configure the backup's key");
      }
      key_note = "master key: " + source;
    } catch (const CodedError& e) {
      if (e.code() != "error.connector.keyMaterial.missing") throw;
      if (included == verified->contents().attachments.end()) {
        throw CodedError("error.connector.keyMaterial.missing",
                         "the backup does not contain the master key and none is configured: restore needs the key "
                         "its secrets were sealed with (put it at " + key_path.string() + " or configure keyMaterial)");
      }
      if (!Opens(backup_db, transport::MasterKey::FromText(included->second))) {
        throw CodedError("error.backup.corrupt", "the master key in the backup does not open its identity");
      }
      key_to_write = included->second;
    }

    auto target = OpenConnectorDatabase(config);
    if (key_to_write) {
      WriteNewKeyFile(key_path, *key_to_write);
      key_note = "master key: written from the backup to " + key_path.string();
    }
    try {
      verified->RestoreInto(*target, options.force ? storage::ImportMode::kReplace : storage::ImportMode::kIntoEmpty);
    } catch (const CodedError& e) {
      if (e.code() == "error.storage.notEmpty") {
        throw CodedError("error.connector.restore.notEmpty",
                         "the database (" + target->Describe() + ") already holds data; `restore --force` replaces it");
      }
      throw;
    }
    // The backup may be older than the state that was lost, which may have sent messages with the
    // counters this database would use next; a nonce must never repeat under one key.
    std::size_t moved = 0;
    {
      const transport::SecretBox box(transport::MasterKey::Resolve(settings, false));
      auto tx = target->Begin(storage::TransactionMode::kReadWrite);
      moved = transport::SkipTransmitCountersAhead(*tx, box);
      tx->Commit();
    }
    const auto* address = verified->header().labels.if_contains("identityAddress");
    out << "restored: identity " << (address != nullptr && address->is_string() ? address->as_string().c_str() : "?")
        << " from the backup of " << verified->header().created_at << " into " << target->Describe() << " ("
        << verified->contents().documents << " documents)\n";
    out << key_note << "\n";
    out << "transmit counters of " << moved << " relationship(s) moved ahead (no message nonce is used twice)\n";
    out << "note: what happened after the backup was taken is not in it; the Backbone may know newer state\n";
    return 0;
  } catch (const CodedError& e) {
    sodium_memzero(passphrase.data(), passphrase.size());
    out << "restore failed: " << e.what() << " (" << e.code() << ")\n";
    return 1;
  } catch (const std::exception& e) {
    sodium_memzero(passphrase.data(), passphrase.size());
    out << "restore failed: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace nmshd::connector
