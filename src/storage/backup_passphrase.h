#pragma once
// Where the passphrase of a backup comes from: a file (`--passphrase-file FILE`, its first line
// without the line end) or an environment variable (CONNECTOR_BACKUP_PASSPHRASE /
// BACKBONE_BACKUP_PASSPHRASE). Never a command-line value: arguments show in `ps` and shell
// history. The passphrase is never logged or printed.
#include <filesystem>
#include <optional>
#include <string>

namespace nmshd::storage {

// At least this many characters: the passphrase is all that protects the identity's keys in a
// backup that leaves the machine.
inline constexpr std::size_t kMinPassphraseLength = 12;

// The file wins over the variable. Throws CodedError:
//   error.backup.noPassphrase    neither is given, or the passphrase is empty
//   error.backup.passphraseFile  the file cannot be read
//   error.backup.weakPassphrase  shorter than kMinPassphraseLength characters
std::string ReadBackupPassphrase(const std::optional<std::filesystem::path>& file, const char* environment_variable);

}  // namespace nmshd::storage
