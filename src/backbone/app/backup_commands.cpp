#include "app/backup_commands.h"

#include "app/backbone_app.h"
#include "app/backbone_schema.h"
#include "base/coded_error.h"
#include "base/iso_date.h"
#include "identities/identity_store.h"
#include "storage/backup_passphrase.h"
#include "storage/database_backup.h"
#include "storage/instance_lock.h"

namespace nmshd::backbone {
namespace {

std::string Counts(const storage::BackupContents& contents) {
  std::string text;
  for (const auto& [collection, count] : contents.documents_per_collection) {
    if (!text.empty()) text += ", ";
    text += collection + " " + std::to_string(count);
  }
  return text.empty() ? "no documents" : text;
}

template <class Fn>
int Guarded(const char* what, std::ostream& out, Fn&& fn) {
  try {
    return fn();
  } catch (const CodedError& e) {
    out << what << " failed: " << e.what() << " (" << e.code() << ")\n";
  } catch (const std::exception& e) {
    out << what << " failed: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace

int RunBackboneBackup(const config::BackboneConfig& config, const BackboneBackupOptions& options, std::ostream& out) {
  return Guarded("backup", out, [&] {
    const auto passphrase =
        storage::ReadBackupPassphrase(options.passphrase_file, kBackboneBackupPassphraseVariable);
    const auto location = BackboneDatabaseConfig(config);
    std::error_code ec;
    if (location.driver == "sqlite" && !std::filesystem::exists(location.path, ec)) {
      throw CodedError("error.backbone.backup.noDatabase", "there is no database at " + location.path);
    }
    auto db = OpenBackboneDatabase(config);
    storage::BackupHeader header;
    header.kind = "backbone";
    header.created_at = FormatIsoUtc(NowMs());
    header.labels = boost::json::object{{"didDomainName", config.didDomainName},
                                        {"identities", db->Count(identities::kIdentities)}};
    const auto summary = storage::WriteDatabaseBackup(*db, options.file, passphrase, header);
    out << "backup written: " << options.file.string() << " (" << summary.bytes << " bytes; "
        << summary.documents << " documents, " << summary.sequences << " sequences)\n";
    return 0;
  });
}

int RunBackboneRestore(const config::BackboneConfig& config, const BackboneBackupOptions& options, std::ostream& out) {
  return Guarded("restore", out, [&] {
    const auto passphrase =
        storage::ReadBackupPassphrase(options.passphrase_file, kBackboneBackupPassphraseVariable);
    const auto location = BackboneDatabaseConfig(config);
    if (location.driver == "sqlite") std::filesystem::create_directories(config.databaseFolder);
    const auto lock = storage::InstanceLock::TryAcquire(location);
    if (!lock) {
      throw CodedError("error.backbone.restore.backboneRunning",
                       "a backbone is running on this database; stop it before restoring");
    }
    auto verified = storage::VerifiedBackup::Open(options.file, passphrase, {"backbone", BackboneSchemaVersion()});
    auto target = OpenBackboneDatabase(config);
    try {
      verified->RestoreInto(*target, options.force ? storage::ImportMode::kReplace : storage::ImportMode::kIntoEmpty);
    } catch (const CodedError& e) {
      if (e.code() == "error.storage.notEmpty") {
        throw CodedError("error.backbone.restore.notEmpty",
                         "the database (" + target->Describe() + ") already holds data; `restore --force` replaces it");
      }
      throw;
    }
    out << "restored: the backup of " << verified->header().created_at << " into " << target->Describe() << " ("
        << Counts(verified->contents()) << ")\n";
    return 0;
  });
}

int RunBackboneVerify(const config::BackboneConfig& /*config*/, const BackboneBackupOptions& options,
                      std::ostream& out) {
  try {
    const auto passphrase =
        storage::ReadBackupPassphrase(options.passphrase_file, kBackboneBackupPassphraseVariable);
    auto verified = storage::VerifiedBackup::Open(options.file, passphrase, {"backbone", BackboneSchemaVersion()});
    const auto& header = verified->header();
    out << "OK   backup: " << options.file.string() << ": backbone backup of " << header.created_at << " from "
        << header.source_driver << ", every frame authenticates, integrity check passed\n";
    out << "OK   schema: version " << header.schema_version << " (this program writes " << BackboneSchemaVersion()
        << ")\n";
    out << "OK   content: " << Counts(verified->contents()) << "\n";
    return 0;
  } catch (const CodedError& e) {
    out << "FAIL backup: " << e.what() << " (" << e.code() << ")\n";
    return 1;
  }
}

}  // namespace nmshd::backbone
