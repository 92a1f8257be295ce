#pragma once
// The backup file of a service database (connector or backbone): a database snapshot (snapshot.h)
// encrypted with a passphrase, because a connector's database holds the identity's keys (sealed
// under the master key, but a backup must not rely on the master key being kept apart).
//
// File layout (all integers little-endian):
//   "NMSHDBAK"            8 bytes magic
//   u32 n, n bytes        the header: a JSON object (BackupHeader, plus the KDF parameters)
//   24 bytes              crypto_secretstream_xchacha20poly1305 header
//   frames                u32 length + ciphertext, each at most 64 KiB of plaintext
// The key is crypto_pwhash (Argon2id 1.3) of the passphrase with the salt and limits of the header.
// The first frame is empty and carries the bytes before it (magic, length, header JSON) as
// associated data, so a changed header is detected before anything is trusted; the last frame has
// the FINAL tag, so a truncated file is detected; secretstream authenticates every frame and their
// order. The plaintext is a sequence of records ('M' meta, 'S' sequence, 'D' document,
// 'A' attachment, 'E' end with the record counts), each field a u32 length + bytes (an i64 for
// sequence values, u64s for the counts).
//
// Attachments are named byte strings beside the snapshot, e.g. the connector's master key when
// the operator asks for it (`connector backup --include-master-key`).
//
// Errors (CodedError):
//   error.backup.exists             the target file exists (a backup never overwrites)
//   error.backup.io                 the file cannot be created, written or read
//   error.backup.notABackup         no magic / unreadable header
//   error.backup.unsupportedFormat  a newer format version or unknown KDF parameters
//   error.backup.wrongPassphrase    the header frame does not open: wrong passphrase (or a changed header)
//   error.backup.corrupt            a later frame does not open, a record is malformed, counts disagree
//   error.backup.truncated          the file ends before the final frame
#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "storage/snapshot.h"

namespace nmshd::storage {

struct BackupHeader {
  std::string kind;                // "connector" | "backbone"
  std::string created_at;          // ISO 8601 UTC
  std::int64_t schema_version = 0;  // the database's schema version (meta "schemaVersion")
  std::string source_driver;       // "sqlite" | "postgres": informational, restores work across drivers
  boost::json::object labels;      // kind-specific facts, e.g. {"identityAddress": "did:e:…"}
};

// Argon2id cost. The defaults (3 passes, 64 MiB) take about a second; tests use Minimal().
struct KdfCost {
  unsigned long long ops_limit = 3;
  std::size_t mem_limit = 64u * 1024u * 1024u;
  static KdfCost Minimal();
};

// What a reader found besides the snapshot records it streamed.
struct BackupContents {
  std::uint64_t meta = 0;
  std::uint64_t sequences = 0;
  std::uint64_t documents = 0;
  std::map<std::string, std::uint64_t> documents_per_collection;
  std::map<std::string, std::string> attachments;
};

class BackupWriter {
 public:
  // Writes into a new temporary file (mode 0600) next to `path`; Commit() renames it to `path`.
  BackupWriter(std::filesystem::path path, std::string_view passphrase, BackupHeader header, KdfCost cost = {});
  ~BackupWriter();  // removes the temporary file unless committed
  BackupWriter(const BackupWriter&) = delete;
  BackupWriter& operator=(const BackupWriter&) = delete;

  // Snapshot records go here (e.g. Database::ExportSnapshot(writer.sink())).
  SnapshotSink& sink();
  void AddAttachment(std::string_view name, std::string_view bytes);
  // The end record and the final frame; fsync; rename to the target (fails with error.backup.exists
  // if it appeared meanwhile). Returns the file size.
  std::uint64_t Commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class BackupReader {
 public:
  // Reads the header and opens its frame (see the errors above).
  BackupReader(const std::filesystem::path& path, std::string_view passphrase);
  ~BackupReader();
  BackupReader(const BackupReader&) = delete;
  BackupReader& operator=(const BackupReader&) = delete;

  const BackupHeader& header() const;
  // Streams every snapshot record into `sink` and collects the attachments; checks the end record
  // and that nothing follows the final frame. Call once. If the sink or the file fails half way,
  // what was streamed must be discarded (Database::ImportSnapshot does, being one transaction).
  BackupContents ReadInto(SnapshotSink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nmshd::storage
