#pragma once
// Backup, verification and restore of a whole service database, shared by the `connector` and
// `backbone` commands (which add their own checks: identity, key material).
//
//   WriteDatabaseBackup(db, "x.nmshdbak", passphrase, header, attachments);   // online
//   auto verified = VerifiedBackup::Open("x.nmshdbak", passphrase, {"connector", 0});
//   ... checks on verified->database() ...
//   verified->RestoreInto(target, ImportMode::kIntoEmpty);
//
// Verification decrypts the whole file into a private temporary SQLite database first, so a
// restore never writes anything into the target before the file has been read to its end and
// checked; and a restore into PostgreSQL or SQLite takes the same path, whichever backend the
// backup came from.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "storage/backup_archive.h"
#include "storage/document_store.h"

namespace nmshd::storage {

struct BackupSummary {
  std::int64_t schema_version = 0;
  std::uint64_t bytes = 0;
  std::uint64_t documents = 0;
  std::uint64_t sequences = 0;
};

// Fills header.schema_version and header.source_driver from `db`, then streams its snapshot and the
// attachments into the new file `file` (BackupWriter: never overwrites, 0600, atomic).
BackupSummary WriteDatabaseBackup(Database& db, const std::filesystem::path& file, std::string_view passphrase,
                                  BackupHeader header, const std::map<std::string, std::string>& attachments = {},
                                  KdfCost cost = {});

struct BackupExpectations {
  std::string kind;                     // "connector" | "backbone"
  std::int64_t max_schema_version = 0;  // the newest schema this program understands
};

class VerifiedBackup {
 public:
  // Reads `file` into a temporary SQLite database in a new folder (mode 0700) under `work_dir`,
  // removed with this object. Throws the BackupReader errors and
  //   error.backup.wrongKind      a backup of another kind of service
  //   error.backup.schemaTooNew   written by a newer program (checked before the data is read)
  //   error.backup.corrupt        the data's schema version disagrees with the header, or SQLite's
  //                               integrity check of the decrypted copy fails
  static std::unique_ptr<VerifiedBackup> Open(const std::filesystem::path& file, std::string_view passphrase,
                                              const BackupExpectations& expectations,
                                              const std::filesystem::path& work_dir = std::filesystem::temp_directory_path());
  ~VerifiedBackup();
  VerifiedBackup(const VerifiedBackup&) = delete;
  VerifiedBackup& operator=(const VerifiedBackup&) = delete;

  const BackupHeader& header() const { return header_; }
  const BackupContents& contents() const { return contents_; }
  // The decrypted copy, for the caller's own checks (do not write to it).
  Database& database() { return *database_; }

  // Copies the verified content into `target` in one transaction (Database::ImportSnapshot):
  // error.storage.notEmpty for kIntoEmpty and a target that holds data.
  void RestoreInto(Database& target, ImportMode mode);

 private:
  VerifiedBackup() = default;
  std::filesystem::path folder_;
  BackupHeader header_;
  BackupContents contents_;
  std::unique_ptr<Database> database_;
};

}  // namespace nmshd::storage
