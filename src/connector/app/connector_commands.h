#pragma once
// The connector's maintenance commands besides `start` (README "Backup, restore, check"). Each
// reads the same configuration as `start` (config file, environment, `--a:b=value` arguments), so
// it works on the database and key material the connector itself uses. One file per command:
//
//   connector backup FILE   backup_command.cpp   online, encrypted (storage/backup_archive.h)
//   connector restore FILE  restore_command.cpp  the connector must be stopped
//   connector verify FILE   verify_command.cpp   reads everything, changes nothing
//   connector check         check_command.cpp    key material, old material, database, disk, memory
//
// Exit codes: 0 success; 1 the command failed or (check) something needs attention; 2 (check) a
// check failed. Everything is printed to `out`, one result per line; errors name their code.
// The backup passphrase comes from --passphrase-file or CONNECTOR_BACKUP_PASSPHRASE and is never
// printed or logged.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>

#include "config/connector_config.h"

namespace nmshd::connector {

inline constexpr const char* kBackupPassphraseVariable = "CONNECTOR_BACKUP_PASSPHRASE";

struct BackupCommandOptions {
  std::filesystem::path file;
  std::optional<std::filesystem::path> passphrase_file;
  // Also put the master key into the (passphrase-encrypted) backup. Off by default: then the
  // backup alone cannot give away the identity, and restoring needs the key file kept apart.
  bool include_master_key = false;
};

struct RestoreCommandOptions {
  std::filesystem::path file;
  std::optional<std::filesystem::path> passphrase_file;
  // Replace a database that holds data (by default only an empty database is restored into).
  bool force = false;
};

struct VerifyCommandOptions {
  std::filesystem::path file;
  std::optional<std::filesystem::path> passphrase_file;
};

struct CheckCommandOptions {
  // Delete the expired material the check reports (locally; own templates and tokens on the
  // Backbone too).
  bool cleanup = false;
  std::uint64_t min_free_disk_bytes = 1024ull * 1024 * 1024;      // disk: FAIL below
  std::uint64_t min_available_memory_bytes = 256ull * 1024 * 1024;  // memory: WARN below
};

int RunBackupCommand(const config::ConnectorConfig& config, const BackupCommandOptions& options, std::ostream& out);
int RunRestoreCommand(const config::ConnectorConfig& config, const RestoreCommandOptions& options, std::ostream& out);
int RunVerifyCommand(const config::ConnectorConfig& config, const VerifyCommandOptions& options, std::ostream& out);
int RunCheckCommand(const config::ConnectorConfig& config, const CheckCommandOptions& options, std::ostream& out);

}  // namespace nmshd::connector
