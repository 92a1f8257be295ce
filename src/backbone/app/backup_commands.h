#pragma once
// `backbone backup FILE`, `backbone restore FILE [--force]`, `backbone verify FILE` (README
// "Backup, restore, check"): the same encrypted format and pipeline as the connector's
// (storage/database_backup.h). The Backbone keeps everything, file contents included, in its
// database (content/content_store.h), so the database is the whole backup.
//
// backup   online, while the server runs;
// restore  refused while a backbone runs on the database (storage/instance_lock.h, held by
//          `backbone` while serving) and into a database with data unless --force;
// verify   reads and checks everything, prints the identity and record counts, changes nothing.
// The passphrase comes from --passphrase-file or BACKBONE_BACKUP_PASSPHRASE, never from the command
// line. Exit code 0 on success, 1 otherwise; one result line on `out`.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>

#include "config/backbone_config.h"

namespace nmshd::backbone {

inline constexpr const char* kBackboneBackupPassphraseVariable = "BACKBONE_BACKUP_PASSPHRASE";

struct BackboneBackupOptions {
  std::filesystem::path file;
  std::optional<std::filesystem::path> passphrase_file;
  bool force = false;  // restore only
};

int RunBackboneBackup(const config::BackboneConfig& config, const BackboneBackupOptions& options, std::ostream& out);
int RunBackboneRestore(const config::BackboneConfig& config, const BackboneBackupOptions& options, std::ostream& out);
int RunBackboneVerify(const config::BackboneConfig& config, const BackboneBackupOptions& options, std::ostream& out);

}  // namespace nmshd::backbone
