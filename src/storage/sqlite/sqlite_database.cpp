#include "storage/sqlite/sqlite_database.h"

#include <algorithm>
#include <cstdint>
#include <semaphore>

#include "base/coded_error.h"
#include "storage/connection_pool.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_query_sql.h"

namespace nmshd::storage {
namespace {

using sqlite::Connection;
using Pool = ConnectionPool<Connection>;

std::string CollectionLiteral(std::string_view collection) {
  // Validated identifier: safe to inline, and a literal lets SQLite match the partial indexes.
  return "'" + std::string(collection) + "'";
}

// Shared by the database and its transactions (which may outlive the database object).
struct Shared {
  SqliteOptions options;
  Pool pool;
  // Serializes writers of this process; a semaphore because a transaction may end on another thread.
  std::binary_semaphore writer{1};

  explicit Shared(SqliteOptions opts)
      : options(std::move(opts)),
        pool([path = options.path, timeout = options.busy_timeout] { return std::make_unique<Connection>(path, timeout); },
             options.pool_size, options.busy_timeout) {}
};

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(std::shared_ptr<Shared> shared, TransactionMode mode)
      : Transaction(mode), shared_(std::move(shared)), lease_(shared_->pool.Acquire()) {
    if (mode == TransactionMode::kReadWrite) {
      if (!shared_->writer.try_acquire_for(shared_->options.busy_timeout)) {
        throw CodedError("error.storage.busy", "timed out waiting for the SQLite writer");
      }
      holds_writer_ = true;
      try {
        lease_->Exec("BEGIN IMMEDIATE");
      } catch (...) {
        shared_->writer.release();
        throw;
      }
    } else {
      lease_->Exec("BEGIN DEFERRED");
    }
  }

  Connection& raw() { return *lease_; }

  ~SqliteTransaction() override {
    if (!committed() && !commit_done_) {
      try {
        lease_->Exec("ROLLBACK");
      } catch (...) {
        lease_.MarkBroken();  // never hand out a connection that may still be inside a transaction
      }
    }
    if (holds_writer_) shared_->writer.release();
  }

 protected:
  void DoInsert(std::string_view collection, std::string_view id, const std::string& json) override {
    auto stmt = lease_->Prepare("INSERT INTO documents (collection, id, body) VALUES (?, ?, ?)");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    stmt.Bind(3, json);
    stmt.Step();
  }

  bool DoReplace(std::string_view collection, std::string_view id, const std::string& json) override {
    auto stmt = lease_->Prepare("UPDATE documents SET body = ? WHERE collection = ? AND id = ?");
    stmt.Bind(1, json);
    stmt.Bind(2, collection);
    stmt.Bind(3, id);
    stmt.Step();
    return lease_->Changes() > 0;
  }

  void DoUpsert(std::string_view collection, std::string_view id, const std::string& json) override {
    auto stmt = lease_->Prepare(
        "INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) "
        "ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    stmt.Bind(3, json);
    stmt.Step();
  }

  bool DoDelete(std::string_view collection, std::string_view id) override {
    auto stmt = lease_->Prepare("DELETE FROM documents WHERE collection = ? AND id = ?");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    stmt.Step();
    return lease_->Changes() > 0;
  }

  std::optional<std::string> DoGet(std::string_view collection, std::string_view id) override {
    auto stmt = lease_->Prepare("SELECT body FROM documents WHERE collection = ? AND id = ?");
    stmt.Bind(1, collection);
    stmt.Bind(2, id);
    if (!stmt.Step()) return std::nullopt;
    return stmt.ColumnText(0);
  }

  std::vector<std::pair<std::string, std::string>> DoFind(std::string_view collection, const Query& query) override {
    std::vector<boost::json::value> params;
    std::string sql = "SELECT id, body FROM documents WHERE collection = " + CollectionLiteral(collection);
    sqlite::AppendFilter(query.filter, sql, params);
    sql += sqlite::OrderBy(query.sort);
    sql += " LIMIT ? OFFSET ?";
    constexpr std::size_t kMax = static_cast<std::size_t>(INT64_MAX);
    params.emplace_back(query.limit ? static_cast<std::int64_t>(std::min(*query.limit, kMax)) : std::int64_t{-1});
    params.emplace_back(static_cast<std::int64_t>(std::min(query.offset, kMax)));
    auto stmt = lease_->Prepare(sql);
    stmt.BindAll(params);
    std::vector<std::pair<std::string, std::string>> rows;
    while (stmt.Step()) rows.emplace_back(stmt.ColumnText(0), stmt.ColumnText(1));
    return rows;
  }

  std::uint64_t DoCount(std::string_view collection, const Filter& filter) override {
    std::vector<boost::json::value> params;
    std::string sql = "SELECT count(*) FROM documents WHERE collection = " + CollectionLiteral(collection);
    sqlite::AppendFilter(filter, sql, params);
    auto stmt = lease_->Prepare(sql);
    stmt.BindAll(params);
    stmt.Step();
    return static_cast<std::uint64_t>(stmt.ColumnInt(0));
  }

  std::int64_t DoNextSequenceValue(std::string_view key) override {
    auto stmt = lease_->Prepare(
        "INSERT INTO sequences (key, value) VALUES (?, 0) "
        "ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value");
    stmt.Bind(1, key);
    stmt.Step();
    return stmt.ColumnInt(0);
  }

  std::string DoReadMeta(std::string_view key) override {
    auto stmt = lease_->Prepare("SELECT value FROM meta WHERE key = ?");
    stmt.Bind(1, key);
    if (!stmt.Step()) return "0";
    return stmt.ColumnText(0);
  }

  void DoWriteMeta(std::string_view key, const std::string& value) override {
    auto stmt = lease_->Prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    stmt.Bind(1, key);
    stmt.Bind(2, value);
    stmt.Step();
  }

  void DoCommit() override {
    lease_->Exec("COMMIT");
    commit_done_ = true;
  }

 private:
  std::shared_ptr<Shared> shared_;
  Pool::Lease lease_;
  bool holds_writer_ = false;
  bool commit_done_ = false;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(SqliteOptions options) : shared_(std::make_shared<Shared>(std::move(options))) {
    Bootstrap();
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
