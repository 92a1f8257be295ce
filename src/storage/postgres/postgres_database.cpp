#include "storage/postgres/postgres_database.h"

#include <algorithm>
#include <cstdint>
#include <pqxx/pqxx>

#include "base/coded_error.h"
#include "storage/connection_pool.h"
#include "storage/postgres/postgres_query_sql.h"

namespace nmshd::storage {
namespace {

using Pool = ConnectionPool<pqxx::connection>;

// An arbitrary constant: serializes concurrent first-time setup of the same server.
constexpr long long kBootstrapLockKey = 0x6e6d736864;  // "nmshd"

std::string CollectionLiteral(std::string_view collection) { return "'" + std::string(collection) + "'"; }

// Maps libpqxx errors to the storage codes. Marks the lease broken when the connection is gone.
[[noreturn]] void Rethrow(Pool::Lease* lease) {
  try {
    throw;
  } catch (const CodedError&) {
    throw;
  } catch (const pqxx::unique_violation& e) {
    const std::string message = e.what();
    if (message.find("documents_pkey") != std::string::npos) {
      throw CodedError("error.storage.duplicateId", "a document with this id already exists");
    }
    throw CodedError("error.storage.uniqueViolation", "unique index violated: " + message);
  } catch (const pqxx::broken_connection& e) {
    if (lease != nullptr) lease->MarkBroken();
    throw CodedError("error.storage.backend", std::string("PostgreSQL connection lost: ") + e.what());
  } catch (const pqxx::in_doubt_error& e) {
    if (lease != nullptr) lease->MarkBroken();
    throw CodedError("error.storage.backend", std::string("PostgreSQL commit in doubt: ") + e.what());
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() == "2201B") {
      throw CodedError("error.storage.invalidRegex", std::string("PostgreSQL rejected the regex: ") + e.what());
    }
    if (e.sqlstate() == "40P01" || e.sqlstate() == "40001" || e.sqlstate() == "55P03") {
      throw CodedError("error.storage.busy", std::string("PostgreSQL conflict: ") + e.what());
    }
    throw CodedError("error.storage.backend", std::string("PostgreSQL error: ") + e.what());
  } catch (const std::exception& e) {
    throw CodedError("error.storage.backend", std::string("PostgreSQL error: ") + e.what());
  }
}

pqxx::result Exec(pqxx::work& work, const std::string& sql, const std::vector<std::string>& params) {
  return work.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
}

// Pushes snapshot records into an import transaction.
class ImportSink final : public SnapshotSink {
 public:
  explicit ImportSink(pqxx::work& work) : work_(work) {}

  void Meta(std::string_view key, std::string_view value) override {
    if (key == kMetaStorageLayout) return;
    Exec(work_, "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
         {std::string(key), std::string(value)});
  }

  void Sequence(std::string_view key, std::int64_t value) override {
    Exec(work_,
         "INSERT INTO sequences (key, value) VALUES ($1, $2::bigint) "
         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
         {std::string(key), std::to_string(value)});
  }

  void Document(std::string_view collection, std::string_view id, std::string_view json) override {
    ValidateSnapshotDocument(collection, id, json);
    Exec(work_, "INSERT INTO documents (collection, id, body, raw) VALUES ($1, $2, $3::text::jsonb, $3::text)",
         {std::string(collection), std::string(id), std::string(json)});
  }

 private:
  pqxx::work& work_;
};

struct Shared {
  PostgresOptions options;
  Pool pool;

  explicit Shared(PostgresOptions opts)
      : options(std::move(opts)),
        pool(
            [conninfo = options.connection_string, schema = options.schema]() -> std::unique_ptr<pqxx::connection> {
              try {
                auto c = std::make_unique<pqxx::connection>(conninfo);
                pqxx::nontransaction setup(*c);
                setup.exec("SET search_path TO \"" + schema + "\"");
                setup.commit();
                return c;
              } catch (...) {
                Rethrow(nullptr);
              }
            },
            options.pool_size, options.pool_timeout) {}
};

class PostgresTransaction final : public Transaction {
 public:
  PostgresTransaction(std::shared_ptr<Shared> shared, TransactionMode mode)
      : Transaction(mode), shared_(std::move(shared)), lease_(shared_->pool.Acquire()), read_only_(mode == TransactionMode::kReadOnly) {
    try {
      work_ = std::make_unique<pqxx::work>(*lease_);
    } catch (...) {
      Rethrow(&lease_);
    }
  }

  ~PostgresTransaction() override {
    // pqxx::work aborts on destruction when not committed; destroy it before the lease returns.
    try {
      work_.reset();
    } catch (...) {
      lease_.MarkBroken();
    }
  }

  pqxx::work& work() { return *work_; }

  // Runs fn with libpqxx errors mapped to CodedErrors.
  template <class Fn>
  auto Run(Fn&& fn) -> decltype(fn()) {
    try {
      return fn();
    } catch (...) {
      Rethrow(&lease_);
    }
  }

 protected:
  void DoInsert(std::string_view collection, std::string_view id, const std::string& json) override {
    Run([&] {
      Exec(*work_, "INSERT INTO documents (collection, id, body, raw) VALUES ($1, $2, $3::text::jsonb, $3::text)",
           {std::string(collection), std::string(id), json});
    });
  }

  bool DoReplace(std::string_view collection, std::string_view id, const std::string& json) override {
    return Run([&] {
      return Exec(*work_, "UPDATE documents SET body = $1::text::jsonb, raw = $1::text WHERE collection = $2 AND id = $3",
                  {json, std::string(collection), std::string(id)})
                 .affected_rows() > 0;
    });
  }

  void DoUpsert(std::string_view collection, std::string_view id, const std::string& json) override {
    Run([&] {
      Exec(*work_,
           "INSERT INTO documents (collection, id, body, raw) VALUES ($1, $2, $3::text::jsonb, $3::text) "
           "ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, raw = excluded.raw",
           {std::string(collection), std::string(id), json});
    });
  }

  bool DoDelete(std::string_view collection, std::string_view id) override {
    return Run([&] {
      return Exec(*work_, "DELETE FROM documents WHERE collection = $1 AND id = $2",
                  {std::string(collection), std::string(id)})
                 .affected_rows() > 0;
    });
  }

  std::optional<std::string> DoGet(std::string_view collection, std::string_view id) override {
    return Run([&]() -> std::optional<std::string> {
      const auto r = Exec(*work_, "SELECT raw FROM documents WHERE collection = $1 AND id = $2",
                          {std::string(collection), std::string(id)});
      if (r.empty()) return std::nullopt;
      return r[0][0].as<std::string>();
    });
  }

  std::vector<std::pair<std::string, std::string>> DoFind(std::string_view collection, const Query& query) override {
    std::vector<std::string> params;
    std::string sql = "SELECT id, raw FROM documents WHERE collection = " + CollectionLiteral(collection);
    postgres::AppendFilter(query.filter, sql, params);
    sql += postgres::OrderBy(query.sort);
    constexpr std::size_t kMax = static_cast<std::size_t>(INT64_MAX);  // bigint range of LIMIT/OFFSET
    if (query.limit) sql += " LIMIT " + std::to_string(std::min(*query.limit, kMax));
    if (query.offset > 0) sql += " OFFSET " + std::to_string(std::min(query.offset, kMax));
    return Run([&] {
      std::vector<std::pair<std::string, std::string>> rows;
      for (const auto& row : Exec(*work_, sql, params)) {
        rows.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
      }
      return rows;
    });
  }

  std::uint64_t DoCount(std::string_view collection, const Filter& filter) override {
    std::vector<std::string> params;
    std::string sql = "SELECT count(*) FROM documents WHERE collection = " + CollectionLiteral(collection);
    postgres::AppendFilter(filter, sql, params);
    return Run([&] { return Exec(*work_, sql, params)[0][0].as<std::uint64_t>(); });
  }

  std::int64_t DoNextSequenceValue(std::string_view key) override {
    return Run([&] {
      return Exec(*work_,
                  "INSERT INTO sequences (key, value) VALUES ($1, 0) "
                  "ON CONFLICT (key) DO UPDATE SET value = sequences.value + 1 RETURNING value",
                  {std::string(key)})[0][0]
          .as<std::int64_t>();
    });
  }

  std::int64_t DoAddToCounter(std::string_view key, std::int64_t delta) override {
    return Run([&] {
      return Exec(*work_,
                  "INSERT INTO sequences (key, value) VALUES ($1, $2::bigint) "
                  "ON CONFLICT (key) DO UPDATE SET value = sequences.value + excluded.value RETURNING value",
                  {std::string(key), std::to_string(delta)})[0][0]
          .as<std::int64_t>();
    });
  }

  // A row of the sequences table as the lock: the upsert holds the row's lock until the transaction
  // ends, and it lives in this database's schema, so two schemas never wait for each other.
  void DoLock(std::string_view key) override {
    Run([&] {
      Exec(*work_,
           "INSERT INTO sequences (key, value) VALUES ($1, 0) "
           "ON CONFLICT (key) DO UPDATE SET value = sequences.value + 1",
           {std::string(key)});
      return 0;
    });
  }

  std::string DoReadMeta(std::string_view key) override {
    return Run([&] {
      const auto r = Exec(*work_,
                          std::string("SELECT value FROM meta WHERE key = $1") + (read_only_ ? "" : " FOR UPDATE"),
                          {std::string(key)});
      return r.empty() ? std::string("0") : r[0][0].as<std::string>();
    });
  }

  void DoWriteMeta(std::string_view key, const std::string& value) override {
    Run([&] {
      Exec(*work_,
           "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
           {std::string(key), value});
    });
  }

  void DoCommit() override {
    Run([&] { work_->commit(); });
  }

 private:
  std::shared_ptr<Shared> shared_;
  Pool::Lease lease_;
  std::unique_ptr<pqxx::work> work_;
  bool read_only_;
};

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(PostgresOptions options) : shared_(std::make_shared<Shared>(std::move(options))) {
    Bootstrap();
  }

  std::string_view driver() const override { return "postgres"; }

  std::unique_ptr<Transaction> Begin(TransactionMode mode) override {
    return std::make_unique<PostgresTransaction>(shared_, mode);
  }

  void EnsureIndex(std::string_view collection, const IndexSpec& index) override {
    ValidateIndexSpec(collection, index);
    std::string columns;
    for (const auto& field : index.fields) {
      if (!columns.empty()) columns += ", ";
      columns += "(" + postgres::IndexExpression(FieldPath::Parse(field)) + ")";
    }
    const std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS \"" +
                            PhysicalIndexName(collection, index.name) + "\" ON documents (" + columns +
                            ") WHERE collection = " + CollectionLiteral(collection);
    PostgresTransaction tx(shared_, TransactionMode::kReadWrite);
    tx.Run([&] { tx.work().exec(sql); });
    tx.Commit();
  }

  void Ping() override {
    PostgresTransaction tx(shared_, TransactionMode::kReadOnly);
    tx.Run([&] { tx.work().exec("SELECT 1"); });
  }

  std::uint64_t SizeBytes() override {
    PostgresTransaction tx(shared_, TransactionMode::kReadOnly);
    return tx.Run([&] {
      const auto r = Exec(tx.work(),
                          "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
                          {shared_->options.schema});
      return static_cast<std::uint64_t>(r[0][0].as<std::int64_t>());
    });
  }

  void ExportSnapshot(SnapshotSink& sink) override {
    PostgresTransaction tx(shared_, TransactionMode::kReadOnly);
    tx.Run([&] {
      auto& w = tx.work();
      // Before the first query: every statement below sees the same snapshot, writers go on.
      w.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
      for (const auto& row : w.exec("SELECT key, value FROM meta ORDER BY key")) {
        const auto key = row[0].as<std::string>();
        if (key != kMetaStorageLayout) sink.Meta(key, row[1].as<std::string>());
      }
      for (const auto& row : w.exec("SELECT key, value FROM sequences ORDER BY key")) {
        sink.Sequence(row[0].as<std::string>(), row[1].as<std::int64_t>());
      }
      // Keyset pages, so a large database is never held in memory at once.
      constexpr int kPage = 500;
      std::string after_collection;
      std::string after_id;
      bool first = true;
      for (;;) {
        const auto page =
            first ? w.exec("SELECT collection, id, raw FROM documents ORDER BY collection, id LIMIT " +
                           std::to_string(kPage))
                  : Exec(w,
                         "SELECT collection, id, raw FROM documents WHERE (collection, id) > ($1, $2) "
                         "ORDER BY collection, id LIMIT " + std::to_string(kPage),
                         {after_collection, after_id});
        first = false;
        for (const auto& row : page) {
          after_collection = row[0].as<std::string>();
          after_id = row[1].as<std::string>();
          sink.Document(after_collection, after_id, row[2].as<std::string>());
        }
        if (page.size() < static_cast<pqxx::result::size_type>(kPage)) break;
      }
    });
  }

  void ImportSnapshot(const std::function<void(SnapshotSink&)>& produce, ImportMode mode) override {
    PostgresTransaction tx(shared_, TransactionMode::kReadWrite);
    tx.Run([&] {
      auto& w = tx.work();
      // No other writer of this schema while the content is swapped (readers go on).
      w.exec("LOCK TABLE documents, sequences, meta IN EXCLUSIVE MODE");
      if (mode == ImportMode::kIntoEmpty) {
        const auto r = w.exec("SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM sequences)");
        if (r[0][0].as<bool>()) {
          throw CodedError("error.storage.notEmpty",
                           "the PostgreSQL schema \"" + shared_->options.schema + "\" is not empty");
        }
      } else {
        w.exec("DELETE FROM documents");
        w.exec("DELETE FROM sequences");
        w.exec("DELETE FROM meta WHERE key <> 'storageLayout'");
        w.exec("INSERT INTO meta (key, value) VALUES ('schemaVersion', '0')");
      }
      ImportSink sink(w);
      produce(sink);
    });
    tx.Commit();
  }

  std::vector<std::string> CheckIntegrity() override {
    PostgresTransaction tx(shared_, TransactionMode::kReadOnly);
    std::vector<std::string> findings;
    tx.Run([&] {
      for (const auto& row : tx.work().exec(
               "SELECT collection, id FROM documents WHERE body IS DISTINCT FROM raw::jsonb "
               "ORDER BY collection, id LIMIT 20")) {
        findings.push_back("document " + row[0].as<std::string>() + "/" + row[1].as<std::string>() +
                           ": the indexed jsonb differs from the stored text");
      }
      if (tx.work().exec("SELECT 1 FROM meta WHERE key = 'storageLayout'").empty()) {
        findings.push_back("meta: no storageLayout row");
      }
    });
    return findings;
  }

  std::string Describe() const override { return "postgres schema \"" + shared_->options.schema + "\""; }

 private:
  void Bootstrap() {
    const std::string& s = shared_->options.schema;
    PostgresTransaction tx(shared_, TransactionMode::kReadWrite);
    tx.Run([&] {
      auto& w = tx.work();
      w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kBootstrapLockKey) + ")");
      w.exec("CREATE SCHEMA IF NOT EXISTS \"" + s + "\"");
      w.exec("CREATE TABLE IF NOT EXISTS \"" + s +
             "\".documents (collection text COLLATE \"C\" NOT NULL, id text COLLATE \"C\" NOT NULL, "
             "body jsonb NOT NULL, raw text NOT NULL, CONSTRAINT documents_pkey PRIMARY KEY (collection, id))");
      w.exec("CREATE TABLE IF NOT EXISTS \"" + s +
             "\".sequences (key text COLLATE \"C\" PRIMARY KEY, value bigint NOT NULL)");
      w.exec("CREATE TABLE IF NOT EXISTS \"" + s + "\".meta (key text PRIMARY KEY, value text NOT NULL)");
      w.exec("INSERT INTO \"" + s + "\".meta (key, value) VALUES ('storageLayout', '1') ON CONFLICT DO NOTHING");
      w.exec("INSERT INTO \"" + s + "\".meta (key, value) VALUES ('schemaVersion', '0') ON CONFLICT DO NOTHING");
      const auto r = w.exec("SELECT value FROM \"" + s + "\".meta WHERE key = 'storageLayout'");
      const std::string layout = r.empty() ? "0" : r[0][0].as<std::string>();
      if (layout != std::to_string(kStorageLayoutVersion)) {
        throw CodedError("error.storage.schemaTooNew", "the database has storage layout " + layout +
                                                           " but this program only knows layout " +
                                                           std::to_string(kStorageLayoutVersion));
      }
    });
    tx.Commit();
  }

  std::shared_ptr<Shared> shared_;
};

}  // namespace

std::unique_ptr<Database> OpenPostgresDatabase(const PostgresOptions& options) {
  try {
    ValidateCollectionName(options.schema);  // same identifier rule: the name is inlined into SQL
  } catch (const CodedError&) {
    throw CodedError("error.storage.config",
                     "invalid PostgreSQL schema name '" + options.schema + "' (expected [A-Za-z][A-Za-z0-9_]{0,39})");
  }
  if (options.connection_string.empty()) {
    throw CodedError("error.storage.config", "PostgreSQL needs a connection string");
  }
  return std::make_unique<PostgresDatabase>(options);
}

}  // namespace nmshd::storage
