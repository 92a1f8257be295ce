#include "storage/backup_passphrase.h"

#include <cstdlib>
#include <fstream>

#include "base/coded_error.h"

namespace nmshd::storage {

std::string ReadBackupPassphrase(const std::optional<std::filesystem::path>& file, const char* environment_variable) {
  std::string passphrase;
  if (file) {
    std::ifstream in(*file, std::ios::binary);
    if (!in) {
      throw CodedError("error.backup.passphraseFile", "cannot read the passphrase file " + file->string());
    }
    std::getline(in, passphrase);
    if (!passphrase.empty() && passphrase.back() == '\r') passphrase.pop_back();
  } else if (const char* value = std::getenv(environment_variable); value != nullptr) {
    passphrase = value;
  }
  if (passphrase.empty()) {
    throw CodedError("error.backup.noPassphrase", std::string("no backup passphrase: give --passphrase-file FILE or set ") +
                                                      environment_variable);
  }
  if (passphrase.size() < kMinPassphraseLength) {
    throw CodedError("error.backup.weakPassphrase", "the backup passphrase must have at least " +
                                                        std::to_string(kMinPassphraseLength) + " characters");
  }
  return passphrase;
}

}  // namespace nmshd::storage
