#include "storage/sqlite/sqlite_database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <random>
#include <thread>

#include "base/coded_error.h"
#include "storage/connection_pool.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_group_commit.h"
#include "storage/sqlite/sqlite_query_sql.h"

namespace nmshd::storage {
namespace {

using sqlite::Connection;
using Pool = ConnectionPool<Connection>;

std::string CollectionLiteral(std::string_view collection) {
  // Validated identifier: safe to inline, and a literal lets SQLite match the partial indexes.
  return "'" + std::string(collection) + "'";
}

// A private file next to the database for the online backup copy; removed with its -wal/-shm/-journal
// files when the guard goes. Created 0600 before SQLite opens it: it holds the same data as the
// database.
class TemporaryCopy {
 public:
  explicit TemporaryCopy(const std::string& database_path) {
    std::random_device random;
    for (int attempt = 0; attempt < 10 && path_.empty(); ++attempt) {
      const std::string candidate = database_path + ".snapshot-" + std::to_string(random());
      const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0) {
        ::close(fd);
        path_ = candidate;
      }
    }
    if (path_.empty()) {
      throw CodedError("error.storage.backend", "cannot create a temporary copy next to '" + database_path + "'");
    }
  }
  ~TemporaryCopy() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_ + suffix, ec);
  }
  TemporaryCopy(const TemporaryCopy&) = delete;
  TemporaryCopy& operator=(const TemporaryCopy&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Copies the live database into `target` with the online backup API. One sqlite3_backup_step(-1)
// reads every page inside one read transaction, so the copy is one consistent state; in WAL mode
// writers go on meanwhile. Retries while the source is locked, up to `timeout`.
void OnlineCopy(Connection& source, const std::string& target, std::chrono::milliseconds timeout) {
  sqlite3* destination = nullptr;
  if (sqlite3_open_v2(target.c_str(), &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    const std::string reason = destination != nullptr ? sqlite3_errmsg(destination) : "out of memory";
    sqlite3_close_v2(destination);
    throw CodedError("error.storage.backend", "cannot open the temporary copy '" + target + "': " + reason);
  }
  sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source.handle(), "main");
  if (backup == nullptr) {
    const std::string reason = sqlite3_errmsg(destination);
    sqlite3_close_v2(destination);
    throw CodedError("error.storage.backend", "SQLite backup cannot start: " + reason);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int rc = SQLITE_OK;
  for (;;) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  sqlite3_backup_finish(backup);
  const std::string reason = sqlite3_errstr(rc);
  sqlite3_close_v2(destination);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    throw CodedError("error.storage.busy", "SQLite backup: the database stayed locked: " + reason);
  }
  if (rc != SQLITE_DONE) throw CodedError("error.storage.backend", "SQLite backup failed: " + reason);
}

std::vector<std::string> IntegrityFindings(Connection& c) {
  std::vector<std::string> findings;
  auto stmt = c.Prepare("PRAGMA integrity_check");
  while (stmt.Step()) {
    auto line = stmt.ColumnText(0);
    if (line != "ok") findings.push_back(std::move(line));
  }
  return findings;
}

// Pushes the rows of the storage tables into an import transaction's connection.
class ImportSink final : public SnapshotSink {
 public:
  explicit ImportSink(Connection& c) : c_(c) {}

  void Meta(std::string_view key, std::string_view value) override {
    if (key == kMetaStorageLayout) return;
    auto stmt = c_.Prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    stmt.Bind(1, key);
    stmt.Bind(2, value);
    stmt.Step();
  }

  void Sequence(std::string_view key, std::int64_t value) override {
    auto stmt = c_.Prepare(
        "INSERT INTO sequences (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    stmt.Bind(1, key);
    stmt.Bind(2, value);
    stmt.Step();
  }

  void Document(std::string_view collection, std::string_view id, std::string_view json) override {
    ValidateSnapshotDocument(collection, id, json);
    auto stmt = c_.Prepare("INSERT INTO documents (collection, id, body) VALUES (?, ?, ?)");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    stmt.Bind(3, json);
    stmt.Step();
  }

 private:
  Connection& c_;
};

// Shared by the database and its transactions (which may outlive the database object).
struct Shared {
  SqliteOptions options;
  Pool pool;
  // The writers of this process, one at a time, flushed in groups; every pooled connection leaves
  // the flush to it (sqlite_group_commit.h), readers wait there for what they can see to be durable.
  sqlite::GroupCommit writers;
  // The file that was opened (device and inode), recorded after bootstrap for Ping().
  dev_t device = 0;
  ino_t inode = 0;

  explicit Shared(SqliteOptions opts)
      : options(std::move(opts)),
        pool(Opener(options), options.pool_size, options.busy_timeout),
        writers(Opener(options), options.busy_timeout) {}

  static std::function<std::unique_ptr<Connection>()> Opener(const SqliteOptions& o) {
    return [path = o.path, timeout = o.busy_timeout, mmap = o.mmap_bytes] {
      return std::make_unique<Connection>(path, timeout, sqlite::CommitSync::kByGroupCommit, mmap);
    };
  }
};

// A read-write transaction is a writer of the group commit; a read-only one has a pooled connection
// of its own with a DEFERRED transaction whose snapshot holds only durable commits.
class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(std::shared_ptr<Shared> shared, TransactionMode mode)
      : Transaction(mode), shared_(std::move(shared)) {
    if (mode == TransactionMode::kReadWrite) {
      writer_ = true;
      member_ = shared_->writers.Join();
      connection_ = &member_.connection();
    } else {
      lease_.emplace(shared_->pool.Acquire());
      connection_ = &**lease_;
      connection_->ExecCached("BEGIN DEFERRED");
      try {
        shared_->writers.BeginRead(*connection_, !DeferredDurability::Active());
      } catch (...) {
        try {
          connection_->ExecCached("ROLLBACK");
        } catch (...) {
          lease_->MarkBroken();
        }
        throw;
      }
    }
  }

  Connection& raw() { return *connection_; }

  ~SqliteTransaction() override {
    if (writer_) {
      shared_->writers.Leave(member_, false);  // no-op once the member left (committed); never throws
      return;
    }
    if (!committed() && !commit_done_) {
      try {
        connection_->ExecCached("ROLLBACK");
      } catch (...) {
        lease_->MarkBroken();  // never hand out a connection that may still be inside a transaction
      }
    }
  }

 protected:
  void DoInsert(std::string_view collection, std::string_view id, const std::string& json) override {
    auto stmt = connection_->Prepare("INSERT INTO documents (collection, id, body) VALUES (?, ?, ?)");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    stmt.Bind(3, json);
    stmt.Step();
  }

  bool DoReplace(std::string_view collection, std::string_view id, const std::string& json) override {
    auto stmt = connection_->Prepare("UPDATE documents SET body = ? WHERE collection = ? AND id = ?");
    stmt.Bind(1, json);
    stmt.Bind(2, collection);
    stmt.Bind(3, id);
    stmt.Step();
    return connection_->Changes() > 0;
  }

  void DoUpsert(std::string_view collection, std::string_view id, const std::string& json) override {
    auto stmt = connection_->Prepare(
        "INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) "
        "ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    stmt.Bind(3, json);
    stmt.Step();
  }

  bool DoDelete(std::string_view collection, std::string_view id) override {
    auto stmt = connection_->Prepare("DELETE FROM documents WHERE collection = ? AND id = ?");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    stmt.Step();
    return connection_->Changes() > 0;
  }

  std::optional<std::string> DoGet(std::string_view collection, std::string_view id) override {
    auto stmt = connection_->Prepare("SELECT body FROM documents WHERE collection = ? AND id = ?");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    if (!stmt.Step()) return std::nullopt;
    return stmt.ColumnText(0);
  }

  std::vector<std::pair<std::string, std::string>> DoFind(std::string_view collection, const Query& query) override {
    std::vector<boost::json::value> params;
    std::string sql = "SELECT id, body FROM documents WHERE collection = " + CollectionLiteral(collection);
    sqlite::AppendFilter(query.filter, sql, params);
    // Without sort keys, limit or offset the rows are sorted by id here: an "ORDER BY id" would make
    // SQLite prefer walking the primary key (already in id order) over an index on the filtered
    // fields, i.e. read the whole collection.
    const bool sort_by_id_here = query.sort.empty() && !query.limit && query.offset == 0;
    if (sort_by_id_here) {
      auto stmt = connection_->Prepare(sql);
      stmt.BindAll(params);
      std::vector<std::pair<std::string, std::string>> rows;
      while (stmt.Step()) rows.emplace_back(stmt.ColumnText(0), stmt.ColumnText(1));
      std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      return rows;
    }
    sql += sqlite::OrderBy(query.sort);
    sql += " LIMIT ? OFFSET ?";
    constexpr std::size_t kMax = static_cast<std::size_t>(INT64_MAX);
    params.emplace_back(query.limit ? static_cast<std::int64_t>(std::min(*query.limit, kMax)) : std::int64_t{-1});
    params.emplace_back(static_cast<std::int64_t>(std::min(query.offset, kMax)));
    auto stmt = connection_->Prepare(sql);
    stmt.BindAll(params);
    std::vector<std::pair<std::string, std::string>> rows;
    while (stmt.Step()) rows.emplace_back(stmt.ColumnText(0), stmt.ColumnText(1));
    return rows;
  }

  std::uint64_t DoCount(std::string_view collection, const Filter& filter) override {
    std::vector<boost::json::value> params;
    std::string sql = "SELECT count(*) FROM documents WHERE collection = " + CollectionLiteral(collection);
    sqlite::AppendFilter(filter, sql, params);
    auto stmt = connection_->Prepare(sql);
    stmt.BindAll(params);
    stmt.Step();
    return static_cast<std::uint64_t>(stmt.ColumnInt(0));
  }

  std::int64_t DoNextSequenceValue(std::string_view key) override {
    auto stmt = connection_->Prepare(
        "INSERT INTO sequences (key, value) VALUES (?, 0) "
        "ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value");
    stmt.Bind(1, key);
    stmt.Step();
    return stmt.ColumnInt(0);
  }

  std::int64_t DoAddToCounter(std::string_view key, std::int64_t delta) override {
    auto stmt = connection_->Prepare(
        "INSERT INTO sequences (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = value + excluded.value RETURNING value");
    stmt.Bind(1, key);
    stmt.Bind(2, delta);
    stmt.Step();
    return stmt.ColumnInt(0);
  }

  // Every read-write transaction of this database already runs alone (GroupCommit's writer slot,
  // BEGIN IMMEDIATE against other processes): nothing to wait for.
  void DoLock(std::string_view) override {}

  std::string DoReadMeta(std::string_view key) override {
    auto stmt = connection_->Prepare("SELECT value FROM meta WHERE key = ?");
    stmt.Bind(1, key);
    if (!stmt.Step()) return "0";
    return stmt.ColumnText(0);
  }

  void DoWriteMeta(std::string_view key, const std::string& value) override {
    auto stmt = connection_->Prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    stmt.Bind(1, key);
    stmt.Bind(2, value);
    stmt.Step();
  }

  void DoCommit() override {
    if (writer_) {
      commit_done_ = true;
      // Returns once the commit is durable, unless this thread defers that (DeferredDurability).
      shared_->writers.Leave(member_, true, !DeferredDurability::Active());
      return;
    }
    connection_->ExecCached("COMMIT");
    commit_done_ = true;
  }

 private:
  std::shared_ptr<Shared> shared_;
  sqlite::GroupCommit::Membership member_;
  std::optional<Pool::Lease> lease_;
  Connection* connection_ = nullptr;
  bool writer_ = false;
  bool commit_done_ = false;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(SqliteOptions options) : shared_(std::make_shared<Shared>(std::move(options))) {
    Bootstrap();
    struct stat info {};
    if (stat(shared_->options.path.c_str(), &info) == 0) {
      shared_->device = info.st_dev;
      shared_->inode = info.st_ino;
    }
  }

  std::string_view driver() const override { return "sqlite"; }

  std::unique_ptr<Transaction> Begin(TransactionMode mode) override {
    return std::make_unique<SqliteTransaction>(shared_, mode);
  }

  void EnsureIndex(std::string_view collection, const IndexSpec& index) override {
    ValidateIndexSpec(collection, index);
    std::string columns;
    for (const auto& field : index.fields) {
      if (!columns.empty()) columns += ", ";
      columns += sqlite::IndexExpression(FieldPath::Parse(field));
    }
    const std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS \"" +
                            PhysicalIndexName(collection, index.name) + "\" ON documents (" + columns +
                            ") WHERE collection = " + CollectionLiteral(collection);
    RunInWriteTransaction([&](Connection& c) { c.Exec(sql); });
  }

  void Ping() override {
    struct stat info {};
    if (stat(shared_->options.path.c_str(), &info) != 0 || info.st_dev != shared_->device ||
        info.st_ino != shared_->inode) {
      throw CodedError("error.storage.backend", "the SQLite file " + shared_->options.path +
                                                    " is no longer the one that was opened (moved or deleted)");
    }
    SqliteTransaction tx(shared_, TransactionMode::kReadOnly);
    auto stmt = tx.raw().Prepare("SELECT value FROM meta WHERE key = 'storageLayout'");
    stmt.Step();
  }

  void FlushCommitted() override { shared_->writers.FlushCommitted(); }

  std::uint64_t SizeBytes() override {
    std::uint64_t total = 0;
    for (const auto& path : {shared_->options.path, shared_->options.path + "-wal"}) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(path, ec);
      if (!ec) total += size;
    }
    return total;
  }

  void ExportSnapshot(SnapshotSink& sink) override {
    TemporaryCopy copy(shared_->options.path);
    {
      auto lease = shared_->pool.Acquire();
      OnlineCopy(*lease, copy.path(), shared_->options.busy_timeout);
      shared_->writers.FlushCommitted();  // the copy holds nothing a power loss could take back
    }
    Connection c(copy.path(), shared_->options.busy_timeout);
    if (auto findings = IntegrityFindings(c); !findings.empty()) {
      throw CodedError("error.storage.integrity", "SQLite integrity check of '" + shared_->options.path + "' failed: " +
                                                      findings.front() + (findings.size() > 1 ? " (and more)" : ""));
    }
    {
      auto stmt = c.Prepare("SELECT key, value FROM meta ORDER BY key");
      while (stmt.Step()) {
        const auto key = stmt.ColumnText(0);
        if (key != kMetaStorageLayout) sink.Meta(key, stmt.ColumnText(1));
      }
    }
    {
      auto stmt = c.Prepare("SELECT key, value FROM sequences ORDER BY key");
      while (stmt.Step()) sink.Sequence(stmt.ColumnText(0), stmt.ColumnInt(1));
    }
    auto stmt = c.Prepare("SELECT collection, id, body FROM documents ORDER BY collection, id");
    while (stmt.Step()) sink.Document(stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnText(2));
  }

  void ImportSnapshot(const std::function<void(SnapshotSink&)>& produce, ImportMode mode) override {
    RunInWriteTransaction([&](Connection& c) {
      if (mode == ImportMode::kIntoEmpty) {
        auto stmt = c.Prepare("SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM sequences)");
        stmt.Step();
        if (stmt.ColumnInt(0) != 0) {
          throw CodedError("error.storage.notEmpty", "the database '" + shared_->options.path + "' is not empty");
        }
      } else {
        c.Exec(
            "DELETE FROM documents; DELETE FROM sequences; DELETE FROM meta WHERE key <> 'storageLayout';"
            "INSERT INTO meta (key, value) VALUES ('schemaVersion', '0')");
      }
      ImportSink sink(c);
      produce(sink);
    });
  }

  std::vector<std::string> CheckIntegrity() override {
    auto lease = shared_->pool.Acquire();
    return IntegrityFindings(*lease);
  }

  std::string Describe() const override { return "sqlite " + shared_->options.path; }

 private:
  template <class Fn>
  void RunInWriteTransaction(Fn&& fn) {
    SqliteTransaction tx(shared_, TransactionMode::kReadWrite);
    fn(tx.raw());
    tx.Commit();
  }

  void Bootstrap();

  std::shared_ptr<Shared> shared_;
};

void SqliteDatabase::Bootstrap() {
  RunInWriteTransaction([](Connection& c) {
    c.Exec(
        "CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, "
        "PRIMARY KEY (collection, id)) STRICT;"
        "CREATE TABLE IF NOT EXISTS sequences (key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;"
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
        "INSERT INTO meta (key, value) VALUES ('storageLayout', '1') ON CONFLICT DO NOTHING;"
        "INSERT INTO meta (key, value) VALUES ('schemaVersion', '0') ON CONFLICT DO NOTHING;");
    auto stmt = c.Prepare("SELECT value FROM meta WHERE key = 'storageLayout'");
    const std::string layout = stmt.Step() ? stmt.ColumnText(0) : "0";
    if (layout != std::to_string(kStorageLayoutVersion)) {
      throw CodedError("error.storage.schemaTooNew", "the database has storage layout " + layout +
                                                         " but this program only knows layout " +
                                                         std::to_string(kStorageLayoutVersion));
    }
  });
}

}  // namespace

std::unique_ptr<Database> OpenSqliteDatabase(const SqliteOptions& options) {
  if (options.path.empty() || options.path == ":memory:" || options.path.rfind("file:", 0) == 0) {
    throw CodedError("error.storage.config", "SQLite needs a file path (got '" + options.path + "')");
  }
  return std::make_unique<SqliteDatabase>(options);
}

}  // namespace nmshd::storage
