#include "storage/database_backup.h"

#include <cstdlib>

#include "base/coded_error.h"
#include "storage/sqlite/sqlite_database.h"

namespace nmshd::storage {

namespace fs = std::filesystem;

BackupSummary WriteDatabaseBackup(Database& db, const fs::path& file, std::string_view passphrase, BackupHeader header,
                                  const std::map<std::string, std::string>& attachments, KdfCost cost) {
  header.schema_version = db.SchemaVersion();
  header.source_driver = std::string(db.driver());
  // Counts what goes through, for the summary, and checks that the schema version did not change
  // between reading it for the header and the snapshot (a migration running meanwhile).
  struct Counting final : SnapshotSink {
    SnapshotSink& inner;
    std::int64_t expected_schema;
    BackupSummary summary;
    Counting(SnapshotSink& s, std::int64_t schema) : inner(s), expected_schema(schema) {}
    void Meta(std::string_view key, std::string_view value) override {
      if (key == kMetaSchemaVersion && value != std::to_string(expected_schema)) {
        throw CodedError("error.backup.schemaChanged", "the database's schema version changed during the backup");
      }
      inner.Meta(key, value);
    }
    void Sequence(std::string_view key, std::int64_t value) override {
      ++summary.sequences;
      inner.Sequence(key, value);
    }
    void Document(std::string_view collection, std::string_view id, std::string_view json) override {
      ++summary.documents;
      inner.Document(collection, id, json);
    }
  };
  BackupWriter writer(file, passphrase, header, cost);
  Counting counting(writer.sink(), header.schema_version);
  db.ExportSnapshot(counting);
  for (const auto& [name, bytes] : attachments) writer.AddAttachment(name, bytes);
  counting.summary.bytes = writer.Commit();
  counting.summary.schema_version = header.schema_version;
  return counting.summary;
}

std::unique_ptr<VerifiedBackup> VerifiedBackup::Open(const fs::path& file, std::string_view passphrase,
                                                     const BackupExpectations& expectations, const fs::path& work_dir) {
  BackupReader reader(file, passphrase);
  const auto& header = reader.header();
  if (header.kind != expectations.kind) {
    throw CodedError("error.backup.wrongKind", file.string() + " is a backup of a " + header.kind + ", not of a " +
                                                   expectations.kind);
  }
  if (header.schema_version > expectations.max_schema_version) {
    throw CodedError("error.backup.schemaTooNew",
                     "the backup has schema version " + std::to_string(header.schema_version) +
                         ", but this program only knows versions up to " +
                         std::to_string(expectations.max_schema_version) + "; restore it with a newer program");
  }

  std::unique_ptr<VerifiedBackup> verified(new VerifiedBackup());
  std::string pattern = (work_dir / "nmshd-backup-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw CodedError("error.backup.io", "cannot create a temporary folder under " + work_dir.string());
  }
  verified->folder_ = pattern;
  verified->header_ = header;
  SqliteOptions options;
  options.path = (verified->folder_ / "backup.db").string();
  options.pool_size = 2;
  verified->database_ = OpenSqliteDatabase(options);
  verified->database_->ImportSnapshot(
      [&](SnapshotSink& sink) { verified->contents_ = reader.ReadInto(sink); }, ImportMode::kIntoEmpty);
  if (verified->database_->SchemaVersion() != header.schema_version) {
    throw CodedError("error.backup.corrupt", "the backup's data has another schema version than its header");
  }
  if (auto findings = verified->database_->CheckIntegrity(); !findings.empty()) {
    throw CodedError("error.backup.corrupt", "the integrity check of the decrypted backup failed: " + findings.front());
  }
  return verified;
}

VerifiedBackup::~VerifiedBackup() {
  database_.reset();
  if (!folder_.empty()) {
    std::error_code ec;
    fs::remove_all(folder_, ec);
  }
}

void VerifiedBackup::RestoreInto(Database& target, ImportMode mode) {
  target.ImportSnapshot([&](SnapshotSink& sink) { database_->ExportSnapshot(sink); }, mode);
}

}  // namespace nmshd::storage
