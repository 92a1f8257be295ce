#pragma once
// A SQLite VFS that writes a transaction's log frames with one system call instead of two per page,
// and lets the disk write a checkpoint's pages while SQLite still copies them, for the connections
// whose log flush is the group commit's (CommitSync::kByGroupCommit).
//
// Why: SQLite writes every frame of the write-ahead log as two pwrite calls (its 24-byte header, then
// the page), while it holds the database's only writer's turn; a backbone message send changes about
// eight pages, so its COMMIT made some sixteen system calls one after the other, all of them waiting
// writers' time. And a checkpoint (also on a writer's turn) copied about a thousand pages into the
// database file and then waited about 4.7 ms for their flush (see README "The backbone").
//
// How: this VFS wraps the platform's default one. Its log and main database files collect writes that
// continue the previous one in memory and write them as one pwrite when anything else happens to the
// file (a read, a sync, a truncate, its size, a lock, a file control, a mapping, closing) or when
// 64 KiB are collected; a write elsewhere first writes out what was collected. So the file's contents
// are the same, in the same order, to everyone who looks. Other files are the platform's own. A
// database file is written only by checkpoints (WAL mode); after every 256 KiB written there, the
// kernel is asked to start writing them to disk (sync_file_range), so the checkpoint's closing flush
// finds most of them written (0.4 ms instead of 4.7 on the bench).
//
// The contract with SQLite that makes this safe: the connection runs with synchronous=FULL, so every
// COMMIT syncs the log (SQLITE_SYNC_NORMAL) after its frames and before it publishes them in the
// shared index, which is the moment other connections (and their own file descriptors) can read them;
// the sync writes out what was collected. That sync is only a write here: flushing to stable storage is
// the group commit's job (GroupCommit, through Connection::SyncLog, which asks for SQLITE_SYNC_FULL).
// With checkpoint_fullfsync=ON, SQLite asks for SQLITE_SYNC_FULL for every other sync of the log (before
// a checkpoint copies it into the database, and of the log's header when it starts over), and those
// flush for real, as does every sync of the database file. A checkpoint writes only pages no reader
// reads from the database file (they read them from the log) until its flush has made them visible.
// Checked by tests/unit/storage/sqlite_wal_write_batching_test.cpp.
#include <cstdint>

namespace nmshd::storage::sqlite {

// The VFS's name for sqlite3_open_v2, registered on first use (not as the default).
const char* WalWriteBatchingVfs();

// For tests: counts since the process started, over every file of this VFS.
struct WalWriteBatchingCounts {
  std::uint64_t commit_syncs = 0;  // syncs answered by writing out only (SQLITE_SYNC_NORMAL)
  std::uint64_t flushes = 0;       // syncs passed on to the platform (SQLITE_SYNC_FULL)
  std::uint64_t writes = 0;        // writes SQLite asked for
  std::uint64_t pwrites = 0;       // writes that reached the platform's VFS
  std::uint64_t writebacks = 0;    // writebacks of a database file started early
};
WalWriteBatchingCounts WalWriteBatchingCountsNow();

}  // namespace nmshd::storage::sqlite
