#include "storage/sqlite/sqlite_wal_write_batching.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "base/coded_error.h"

namespace nmshd::storage::sqlite {
namespace {

constexpr const char* kVfsName = "nmshd-wal-write-batching";
// What is collected before it is written out anyway: a commit of the backbone or the connector
// (a few pages) fits. It must stay below 128 KiB: the platform VFS writes at most 0x1ffff bytes per
// call (its seekAndWrite masks the length) and answers a longer write with SQLITE_FULL.
constexpr std::size_t kMaxCollected = std::size_t{64} << 10;

std::atomic<std::uint64_t> commit_syncs{0};
std::atomic<std::uint64_t> flushes{0};
std::atomic<std::uint64_t> writes{0};
std::atomic<std::uint64_t> pwrites{0};
std::atomic<std::uint64_t> writebacks{0};

sqlite3_vfs* platform_vfs = nullptr;  // set once, before the VFS is registered

// A wrapped file (a log, or a database file): the platform's file lives in the same allocation,
// right after this header.
struct BatchedFile {
  sqlite3_file base;
  sqlite3_file* platform;
  std::vector<unsigned char>* collected;  // bytes not yet written, starting at collected_at
  sqlite3_int64 collected_at;
  bool is_log;
  // Database files only (else -1): the platform's descriptor (PlatformDescriptor), to start the
  // writeback of what a checkpoint wrote, and what was written since the last start.
  int writeback_fd;
  sqlite3_int64 unstarted_from;
  sqlite3_int64 unstarted_to;
  sqlite3_int64 unstarted_bytes;
};
constexpr sqlite3_int64 kWritebackChunk = 256 * 1024;
constexpr std::size_t kPlatformFileOffset = (sizeof(BatchedFile) + alignof(std::max_align_t) - 1) /
                                            alignof(std::max_align_t) * alignof(std::max_align_t);

BatchedFile* AsBatched(sqlite3_file* file) { return reinterpret_cast<BatchedFile*>(file); }
sqlite3_file* Platform(sqlite3_file* file) { return AsBatched(file)->platform; }

void StartWriteback(BatchedFile* bf, sqlite3_int64 from, sqlite3_int64 to) {
  if (bf->writeback_fd < 0) return;
  if (bf->unstarted_bytes == 0) {
    bf->unstarted_from = from;
    bf->unstarted_to = to;
  } else {
    bf->unstarted_from = std::min(bf->unstarted_from, from);
    bf->unstarted_to = std::max(bf->unstarted_to, to);
  }
  bf->unstarted_bytes += to - from;
  if (bf->unstarted_bytes < kWritebackChunk) return;
  writebacks.fetch_add(1, std::memory_order_relaxed);
  ::sync_file_range(bf->writeback_fd, bf->unstarted_from, bf->unstarted_to - bf->unstarted_from,
                    SYNC_FILE_RANGE_WRITE);
  bf->unstarted_bytes = 0;
}

int WriteOut(BatchedFile* bf) {
  if (bf->collected->empty()) return SQLITE_OK;
  pwrites.fetch_add(1, std::memory_order_relaxed);
  const auto size = static_cast<sqlite3_int64>(bf->collected->size());
  const int rc =
      bf->platform->pMethods->xWrite(bf->platform, bf->collected->data(), static_cast<int>(size), bf->collected_at);
  bf->collected->clear();
  if (rc == SQLITE_OK) StartWriteback(bf, bf->collected_at, bf->collected_at + size);
  return rc;
}

int BatchedClose(sqlite3_file* file) {
  BatchedFile* bf = AsBatched(file);
  const int written = WriteOut(bf);
  const int closed = bf->platform->pMethods->xClose(bf->platform);
  delete bf->collected;
  bf->collected = nullptr;
  bf->writeback_fd = -1;
  return written != SQLITE_OK ? written : closed;
}

int BatchedRead(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  if (const int rc = WriteOut(AsBatched(file)); rc != SQLITE_OK) return rc;
  return Platform(file)->pMethods->xRead(Platform(file), buffer, amount, offset);
}

int BatchedWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  BatchedFile* bf = AsBatched(file);
  writes.fetch_add(1, std::memory_order_relaxed);
  auto& collected = *bf->collected;
  const auto size = static_cast<std::size_t>(amount);
  const bool continues =
      !collected.empty() && offset == bf->collected_at + static_cast<sqlite3_int64>(collected.size());
  if (!continues || collected.size() + size > kMaxCollected) {
    if (const int rc = WriteOut(bf); rc != SQLITE_OK) return rc;
    if (size >= kMaxCollected) {
      pwrites.fetch_add(1, std::memory_order_relaxed);
      return bf->platform->pMethods->xWrite(bf->platform, data, amount, offset);
    }
    bf->collected_at = offset;
  }
  try {
    const auto* bytes = static_cast<const unsigned char*>(data);
    collected.insert(collected.end(), bytes, bytes + size);
  } catch (const std::bad_alloc&) {
    // Keep the order: what was collected goes first, then this write directly.
    if (const int rc = WriteOut(bf); rc != SQLITE_OK) return rc;
    pwrites.fetch_add(1, std::memory_order_relaxed);
    return bf->platform->pMethods->xWrite(bf->platform, data, amount, offset);
  }
  return SQLITE_OK;
}

int BatchedTruncate(sqlite3_file* file, sqlite3_int64 size) {
  if (const int rc = WriteOut(AsBatched(file)); rc != SQLITE_OK) return rc;
  return Platform(file)->pMethods->xTruncate(Platform(file), size);
}

int BatchedSync(sqlite3_file* file, int flags) {
  if (const int rc = WriteOut(AsBatched(file)); rc != SQLITE_OK) return rc;
  // See the header: a COMMIT's sync only has to make its frames readable; the group commit flushes.
  if (AsBatched(file)->is_log && (flags & 0x0f) == SQLITE_SYNC_NORMAL) {
    commit_syncs.fetch_add(1, std::memory_order_relaxed);
    return SQLITE_OK;
  }
  flushes.fetch_add(1, std::memory_order_relaxed);
  return Platform(file)->pMethods->xSync(Platform(file), flags);
}

int BatchedFileSize(sqlite3_file* file, sqlite3_int64* size) {
  if (const int rc = WriteOut(AsBatched(file)); rc != SQLITE_OK) return rc;
  return Platform(file)->pMethods->xFileSize(Platform(file), size);
}

int BatchedLock(sqlite3_file* file, int level) {
  if (const int rc = WriteOut(AsBatched(file)); rc != SQLITE_OK) return rc;
  return Platform(file)->pMethods->xLock(Platform(file), level);
}
// Releasing a lock happens even when writing out failed: SQLite must not be left holding it.
int BatchedUnlock(sqlite3_file* file, int level) {
  const int written = WriteOut(AsBatched(file));
  const int unlocked = Platform(file)->pMethods->xUnlock(Platform(file), level);
  return written != SQLITE_OK ? written : unlocked;
}
int BatchedCheckReservedLock(sqlite3_file* file, int* out) {
  return Platform(file)->pMethods->xCheckReservedLock(Platform(file), out);
}

int BatchedFileControl(sqlite3_file* file, int op, void* arg) {
  if (const int rc = WriteOut(AsBatched(file)); rc != SQLITE_OK) return rc;
  return Platform(file)->pMethods->xFileControl(Platform(file), op, arg);
}

int BatchedSectorSize(sqlite3_file* file) { return Platform(file)->pMethods->xSectorSize(Platform(file)); }
int BatchedDeviceCharacteristics(sqlite3_file* file) {
  return Platform(file)->pMethods->xDeviceCharacteristics(Platform(file));
}

// A log has no shared memory of its own (that belongs to the database file); passed on all the same.
int BatchedShmMap(sqlite3_file* file, int page, int page_size, int extend, void volatile** out) {
  const sqlite3_io_methods* m = Platform(file)->pMethods;
  if (m->iVersion < 2 || m->xShmMap == nullptr) return SQLITE_IOERR_SHMMAP;
  return m->xShmMap(Platform(file), page, page_size, extend, out);
}
int BatchedShmLock(sqlite3_file* file, int offset, int n, int flags) {
  const int written = WriteOut(AsBatched(file));
  if (written != SQLITE_OK && (flags & SQLITE_SHM_UNLOCK) == 0) return written;
  const sqlite3_io_methods* m = Platform(file)->pMethods;
  if (m->iVersion < 2 || m->xShmLock == nullptr) return SQLITE_IOERR_SHMLOCK;
  const int locked = m->xShmLock(Platform(file), offset, n, flags);
  return written != SQLITE_OK ? written : locked;
}
void BatchedShmBarrier(sqlite3_file* file) {
  const sqlite3_io_methods* m = Platform(file)->pMethods;
  if (m->iVersion >= 2 && m->xShmBarrier != nullptr) m->xShmBarrier(Platform(file));
}
int BatchedShmUnmap(sqlite3_file* file, int delete_flag) {
  const sqlite3_io_methods* m = Platform(file)->pMethods;
  if (m->iVersion < 2 || m->xShmUnmap == nullptr) return SQLITE_OK;
  return m->xShmUnmap(Platform(file), delete_flag);
}

int BatchedFetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  *out = nullptr;
  if (const int rc = WriteOut(AsBatched(file)); rc != SQLITE_OK) return rc;
  const sqlite3_io_methods* m = Platform(file)->pMethods;
  if (m->iVersion < 3 || m->xFetch == nullptr) return SQLITE_OK;  // no mapping: SQLite reads instead
  return m->xFetch(Platform(file), offset, amount, out);
}
int BatchedUnfetch(sqlite3_file* file, sqlite3_int64 offset, void* mapped) {
  const sqlite3_io_methods* m = Platform(file)->pMethods;
  if (m->iVersion < 3 || m->xUnfetch == nullptr) return SQLITE_OK;
  return m->xUnfetch(Platform(file), offset, mapped);
}

const sqlite3_io_methods kBatchedMethods = {
    3,
    &BatchedClose,
    &BatchedRead,
    &BatchedWrite,
    &BatchedTruncate,
    &BatchedSync,
    &BatchedFileSize,
    &BatchedLock,
    &BatchedUnlock,
    &BatchedCheckReservedLock,
    &BatchedFileControl,
    &BatchedSectorSize,
    &BatchedDeviceCharacteristics,
    &BatchedShmMap,
    &BatchedShmLock,
    &BatchedShmBarrier,
    &BatchedShmUnmap,
    &BatchedFetch,
    &BatchedUnfetch,
};

// The descriptor the platform VFS opened `name` with, or -1. Not one of our own: closing a second
// descriptor of the database file would drop every POSIX lock this process holds on it (SQLite's
// unix VFS defers its own closes for that reason). The unix VFS's file starts with its methods, its
// VFS, its inode record and the descriptor; that is only believed when the VFS field is the platform
// VFS and the descriptor is open on the same file as `name`, so another layout turns the writeback
// hint off instead of aiming it elsewhere.
int PlatformDescriptor(sqlite3_file* platform, const char* name) {
  struct UnixFileHead {
    const sqlite3_io_methods* methods;
    sqlite3_vfs* vfs;
    void* inode;
    int fd;
  };
  if (static_cast<std::size_t>(platform_vfs->szOsFile) < sizeof(UnixFileHead)) return -1;
  UnixFileHead head{};
  std::memcpy(&head, platform, sizeof head);
  if (head.vfs != platform_vfs || head.fd < 0) return -1;
  struct stat by_descriptor {};
  struct stat by_name {};
  if (::fstat(head.fd, &by_descriptor) != 0 || ::stat(name, &by_name) != 0) return -1;
  if (by_descriptor.st_dev != by_name.st_dev || by_descriptor.st_ino != by_name.st_ino) return -1;
  return head.fd;
}

int Open(sqlite3_vfs* /*vfs*/, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  const bool is_log = (flags & SQLITE_OPEN_WAL) != 0;
  const bool is_database = (flags & SQLITE_OPEN_MAIN_DB) != 0 && name != nullptr;
  if (!is_log && !is_database) return platform_vfs->xOpen(platform_vfs, name, file, flags, out_flags);
  BatchedFile* bf = AsBatched(file);
  bf->base.pMethods = nullptr;  // SQLite's rule: a failed open leaves no methods
  bf->platform = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kPlatformFileOffset);
  bf->collected = nullptr;
  bf->collected_at = 0;
  bf->is_log = is_log;
  bf->writeback_fd = -1;
  bf->unstarted_from = bf->unstarted_to = bf->unstarted_bytes = 0;
  const int rc = platform_vfs->xOpen(platform_vfs, name, bf->platform, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  bf->collected = new (std::nothrow) std::vector<unsigned char>();
  if (bf->collected == nullptr) {
    bf->platform->pMethods->xClose(bf->platform);
    return SQLITE_NOMEM;
  }
  if (is_database) bf->writeback_fd = PlatformDescriptor(bf->platform, name);
  bf->base.pMethods = &kBatchedMethods;
  return SQLITE_OK;
}

// Everything else is the platform VFS's, called with its own object (it may read its pAppData).
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return platform_vfs->xDelete(platform_vfs, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return platform_vfs->xAccess(platform_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return platform_vfs->xFullPathname(platform_vfs, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return platform_vfs->xDlOpen(platform_vfs, name); }
void DlError(sqlite3_vfs*, int size, char* out) { platform_vfs->xDlError(platform_vfs, size, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return platform_vfs->xDlSym(platform_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { platform_vfs->xDlClose(platform_vfs, handle); }
int Randomness(sqlite3_vfs*, int size, char* out) { return platform_vfs->xRandomness(platform_vfs, size, out); }
int Sleep(sqlite3_vfs*, int microseconds) { return platform_vfs->xSleep(platform_vfs, microseconds); }
int CurrentTime(sqlite3_vfs*, double* out) { return platform_vfs->xCurrentTime(platform_vfs, out); }
int GetLastError(sqlite3_vfs*, int size, char* out) {
  return platform_vfs->xGetLastError != nullptr ? platform_vfs->xGetLastError(platform_vfs, size, out) : 0;
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  if (platform_vfs->iVersion >= 2 && platform_vfs->xCurrentTimeInt64 != nullptr) {
    return platform_vfs->xCurrentTimeInt64(platform_vfs, out);
  }
  double days = 0;
  const int rc = platform_vfs->xCurrentTime(platform_vfs, &days);
  *out = static_cast<sqlite3_int64>(days * 86400000.0);
  return rc;
}

sqlite3_vfs vfs{};

void Register() {
  platform_vfs = sqlite3_vfs_find(nullptr);
  if (platform_vfs == nullptr) throw CodedError("error.storage.backend", "SQLite has no default VFS");
  vfs.iVersion = 2;  // the system-call overrides of version 3 are for SQLite's own tests
  vfs.szOsFile = static_cast<int>(kPlatformFileOffset) + platform_vfs->szOsFile;
  vfs.mxPathname = platform_vfs->mxPathname;
  vfs.zName = kVfsName;
  vfs.xOpen = &Open;
  vfs.xDelete = &Delete;
  vfs.xAccess = &Access;
  vfs.xFullPathname = &FullPathname;
  vfs.xDlOpen = &DlOpen;
  vfs.xDlError = &DlError;
  vfs.xDlSym = &DlSym;
  vfs.xDlClose = &DlClose;
  vfs.xRandomness = &Randomness;
  vfs.xSleep = &Sleep;
  vfs.xCurrentTime = &CurrentTime;
  vfs.xGetLastError = &GetLastError;
  vfs.xCurrentTimeInt64 = &CurrentTimeInt64;
  const int rc = sqlite3_vfs_register(&vfs, 0);
  if (rc != SQLITE_OK) {
    throw CodedError("error.storage.backend", std::string("cannot register a SQLite VFS: ") + sqlite3_errstr(rc));
  }
}

}  // namespace

const char* WalWriteBatchingVfs() {
  static std::once_flag once;
  std::call_once(once, &Register);
  return kVfsName;
}

WalWriteBatchingCounts WalWriteBatchingCountsNow() {
  return {commit_syncs.load(), flushes.load(), writes.load(), pwrites.load(), writebacks.load()};
}

}  // namespace nmshd::storage::sqlite
