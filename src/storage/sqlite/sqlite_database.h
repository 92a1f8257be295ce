#pragma once
// The embedded default backend: one SQLite file (plus its -wal/-shm files while open).
//
// Layout (storage layout 1): documents(collection, id, body JSON text, PRIMARY KEY(collection, id)),
// sequences(key, value), meta(key, value); STRICT tables. Secondary indexes are partial expression
// indexes on json_extract(body, path) WHERE collection = '<name>'.
//
// Durability: WAL with synchronous=FULL; Commit() returns after the flush. Concurrency: a pool of
// connections (see document_store.h); read-write transactions run one at a time as members of a
// group commit (sqlite/sqlite_group_commit.h): writers arriving while one runs share its BEGIN
// IMMEDIATE transaction, each in a savepoint, and one flush, so writers queue instead of failing on
// lock upgrades, and other processes are held off by the busy timeout. Readers never wait for the
// writer.
// Backup: copy the file while no process has it open, or use `sqlite3 <file> ".backup <target>"`.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "storage/document_store.h"

namespace nmshd::storage {

struct SqliteOptions {
  std::string path;  // a file path; ":memory:" is refused (each pooled connection would see its own DB)
  std::size_t pool_size = 8;
  std::chrono::milliseconds busy_timeout{10000};
  // Reads through a memory map of the file instead of a pread() copy per page: a query over
  // thousands of documents spent a third of its time copying pages. The price is paid by writes:
  // every commit makes each other connection drop its whole map at its next transaction (munmap and
  // a TLB shootdown across all threads), which cost a write-heavy server a fifth of its CPU time.
  // 0: off.
  std::uint64_t mmap_bytes = 0;
};

// Opens or creates the database file and its tables. Throws "error.storage.schemaTooNew" when the
// file was written by a newer storage layout, "error.storage.backend" when it cannot be opened.
std::unique_ptr<Database> OpenSqliteDatabase(const SqliteOptions& options);

}  // namespace nmshd::storage
