#pragma once
// A database's whole content in a backend-neutral form: the unit of backups and restores
// (backup_archive.h, database_backup.h).
//
// A snapshot is the stream of
//   meta records      key -> text (the schema version; the backend's own "storageLayout" is left out,
//                     because a snapshot does not depend on any table layout),
//   sequence records  key -> current value,
//   document records  collection, id, the exact stored JSON text.
// Indexes are not part of it: they are definitions the services ensure at every start.
//
// Why logical and not the backends' native formats (an SQLite file, pg_dump): one format for both
// backends means one reader, one verifier and restores across backends (an SQLite backup restores
// into PostgreSQL and back), and the file never depends on the storage layout version.
#include <cstdint>
#include <string_view>

namespace nmshd::storage {

// Receives the records of a snapshot (Database::ExportSnapshot), or is handed to a producer that
// pushes them into a database (Database::ImportSnapshot). Records come in no particular order
// between the three kinds; within a kind, in key order.
class SnapshotSink {
 public:
  virtual ~SnapshotSink() = default;
  virtual void Meta(std::string_view key, std::string_view value) = 0;
  virtual void Sequence(std::string_view key, std::int64_t value) = 0;
  // `json` is the document exactly as stored (a JSON object).
  virtual void Document(std::string_view collection, std::string_view id, std::string_view json) = 0;
};

enum class ImportMode {
  kIntoEmpty,  // refuse ("error.storage.notEmpty") when the database holds any document or sequence
  kReplace,    // delete the existing content first, in the same transaction as the import
};

}  // namespace nmshd::storage
