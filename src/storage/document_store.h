#pragma once
// The storage interface of the Connector and the Backbone: a database of named collections of JSON
// documents (Boost.JSON objects) keyed by a string id, with queries on document fields (query.h),
// secondary and unique indexes, transactional per-key sequences and a stored schema version.
//
// No SQL appears here: SQLite (sqlite/sqlite_database.h) and PostgreSQL (postgres/postgres_database.h)
// implement it today, and a MongoDB implementation must fit without changing callers.
//
// Threading model
// * A Database is thread-safe. It owns a small pool of connections; Begin() checks one out for the
//   lifetime of the Transaction and blocks (up to the pool timeout) when all are in use.
// * A Transaction is NOT thread-safe: use it from one thread at a time (it may move between threads,
//   e.g. with a coroutine, but never be used concurrently). Each transaction has its own connection.
// * Do not open a second read-write transaction on the same thread while holding one: with SQLite's
//   single writer that waits for yourself until the busy timeout expires.
// * These calls block; from an Asio io_context run them on the storage thread pool (cpp-stack §3).
//
// Transactions
// * Begin() returns an RAII transaction. Nothing is visible to others before Commit(); destroying an
//   uncommitted transaction (including during exception unwinding) rolls everything back.
// * After any operation of a transaction throws, the transaction is failed: every further call throws
//   "error.storage.transactionFailed" and only rollback (destruction) remains. This is the same on
//   every backend (PostgreSQL aborts the whole transaction on any error anyway).
// * Read-write transactions are serializable with respect to each other on SQLite (one writer at a
//   time); on PostgreSQL they run at READ COMMITTED, with row locks on every written document and
//   sequence key. Read-only transactions see a consistent snapshot on SQLite and per-statement
//   snapshots on PostgreSQL.
//
// Errors (CodedError codes)
//   error.storage.invalidCollection  collection name not [a-z][A-Za-z0-9_]{0,39}
//   error.storage.invalidId          empty id or longer than 512 bytes
//   error.storage.invalidPath / invalidQuery / invalidRegex   bad query (query.h)
//   error.storage.duplicateId        Insert of an id that exists in the collection
//   error.storage.uniqueViolation    a unique index already holds the indexed field values
//   error.storage.notFound           Replace of a missing document
//   error.storage.readOnly           a write in a read-only transaction
//   error.storage.transactionFailed  use of a failed or finished transaction
//   error.storage.busy               no connection or write lock within the timeout
//   error.storage.schemaTooNew       the database was written by a newer storage layout
//   error.storage.notEmpty           ImportSnapshot(kIntoEmpty) into a database that holds data
//   error.storage.integrity          the backend's own consistency check found damage
//   error.storage.unsupported        a maintenance call the implementation does not offer
//   error.storage.backend            any other database error (message names the backend's reason)
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/deferred_durability.h"
#include "storage/query.h"
#include "storage/snapshot.h"

namespace nmshd::storage {

struct Document {
  std::string id;
  boost::json::object body;
};

// A secondary index on one or more document fields of one collection. Unique indexes reject a second
// document with the same values of ALL fields; documents missing any indexed field are not
// constrained (SQL NULL semantics). Note: PostgreSQL indexes the text form of the values, so there a
// unique index treats the string "1" and the number 1 as equal; SQLite keeps them apart.
struct IndexSpec {
  std::string name;                 // [a-z][A-Za-z0-9_]*, unique per collection
  std::vector<std::string> fields;  // dotted field paths (FieldPath syntax)
  bool unique = false;
};

enum class TransactionMode { kReadWrite, kReadOnly };

class Transaction {
 public:
  virtual ~Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Throws duplicateId when the id exists, uniqueViolation when a unique index refuses it.
  void Insert(std::string_view collection, std::string_view id, const boost::json::object& body);
  // Overwrites an existing document; throws notFound when there is none.
  void Replace(std::string_view collection, std::string_view id, const boost::json::object& body);
  // Inserts or overwrites.
  void Upsert(std::string_view collection, std::string_view id, const boost::json::object& body);
  // Returns whether a document was deleted.
  bool Delete(std::string_view collection, std::string_view id);
  std::optional<boost::json::object> Get(std::string_view collection, std::string_view id);
  std::vector<Document> Find(std::string_view collection, const Query& query = {});
  std::uint64_t Count(std::string_view collection, const Filter& filter = {});

  // Atomically increments the sequence named `key` and returns the new value; the first call for a key
  // returns 0 (the Backbone's per-identity external event index starts at 0). The increment is part of
  // this transaction: concurrent transactions on the same key wait for each other, and a rollback
  // returns the value, so committed values are gap-free.
  std::int64_t NextSequenceValue(std::string_view key);

  // Adds `delta` (may be negative or 0) to the counter named `key` and returns its new value; a
  // counter never changed before is 0. A counter is one row, so keeping a count this way changes one
  // small row where a document per counted thing would add or remove a document and its index
  // entries. Counters and sequences share one key space. Part of this transaction like
  // NextSequenceValue: concurrent transactions on the same key wait for each other, and a rollback
  // undoes the change.
  std::int64_t AddToCounter(std::string_view key, std::int64_t delta);

  // Holds the lock named `key` until this transaction ends: another read-write transaction locking
  // the same key waits for it, and its reads after Lock() see what the earlier holder committed. For
  // check-then-write sequences that PostgreSQL's READ COMMITTED would otherwise interleave. On SQLite
  // it costs nothing: its read-write transactions run one at a time anyway (one writer per database,
  // BEGIN IMMEDIATE), where taking a row as the lock changed a page in every such transaction.
  void Lock(std::string_view key);

  // The application's schema version (0 for a new database). On PostgreSQL reading it locks the row
  // until the end of the transaction, so concurrent migrators serialize.
  std::int64_t ReadSchemaVersion();
  void WriteSchemaVersion(std::int64_t version);

  // Makes all changes durable and visible. The transaction is finished afterwards.
  void Commit();

  // Runs `fn` on this thread right after a successful Commit, in registration order; never after a
  // rollback. For effects outside the database that must not be seen before the change, such as
  // waking a client to fetch it. Exceptions from `fn` are swallowed: the commit has happened.
  void AfterCommit(std::function<void()> fn);

  bool failed() const { return state_ == State::kFailed; }

 protected:
  explicit Transaction(TransactionMode mode) : mode_(mode) {}
  // The stamping decorator (stamped_database.h) forwards to the wrapped transaction's Do* calls.
  friend class StampedTransaction;

  virtual void DoInsert(std::string_view collection, std::string_view id, const std::string& json) = 0;
  // Returns false when no document had that id.
  virtual bool DoReplace(std::string_view collection, std::string_view id, const std::string& json) = 0;
  virtual void DoUpsert(std::string_view collection, std::string_view id, const std::string& json) = 0;
  virtual bool DoDelete(std::string_view collection, std::string_view id) = 0;
  virtual std::optional<std::string> DoGet(std::string_view collection, std::string_view id) = 0;
  virtual std::vector<std::pair<std::string, std::string>> DoFind(std::string_view collection, const Query& query) = 0;
  virtual std::uint64_t DoCount(std::string_view collection, const Filter& filter) = 0;
  virtual std::int64_t DoNextSequenceValue(std::string_view key) = 0;
  virtual std::int64_t DoAddToCounter(std::string_view key, std::int64_t delta) = 0;
  virtual void DoLock(std::string_view key) = 0;
  virtual std::string DoReadMeta(std::string_view key) = 0;
  virtual void DoWriteMeta(std::string_view key, const std::string& value) = 0;
  virtual void DoCommit() = 0;

  // Implementations call this from their destructor: anything not committed is rolled back there.
  bool committed() const { return state_ == State::kCommitted; }

 private:
  enum class State { kOpen, kCommitted, kFailed };

  // Runs one operation with the state checks and failure marking shared by all backends.
  template <class Fn>
  auto Guarded(bool writes, Fn&& fn) -> decltype(fn());

  TransactionMode mode_;
  State state_ = State::kOpen;
  std::vector<std::function<void()>> after_commit_;
};

class Database {
 public:
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // "sqlite" or "postgres".
  virtual std::string_view driver() const = 0;

  virtual std::unique_ptr<Transaction> Begin(TransactionMode mode = TransactionMode::kReadWrite) = 0;

  // Creates the index if no index of that name exists for the collection (idempotent; an existing
  // index of the same name is kept as is). Creating a unique index over data that already violates it
  // throws uniqueViolation. Call at startup, not concurrently with writers of the same collection.
  virtual void EnsureIndex(std::string_view collection, const IndexSpec& index) = 0;

  // For health checks: throws (error.storage.backend / busy) unless the database answers a trivial
  // read. SQLite also requires the file at the configured path to be the one that was opened: open
  // connections keep working on a file that was moved or deleted, but everything written from then
  // on is lost to the next start.
  virtual void Ping() = 0;
  // For metrics: the bytes the database occupies. SQLite: the file and its write-ahead log;
  // PostgreSQL: the tables, indexes and TOAST data of the schema.
  virtual std::uint64_t SizeBytes() = 0;
  // Returns once every commit made so far is durable (see DeferredDurability). A commit of a
  // driver is durable when it returns, except under DeferredDurability on SQLite.
  virtual void FlushCommitted() {}

  // Maintenance (backup, restore, `connector check`; see snapshot.h for the snapshot form). Both
  // backends implement them; the defaults (for decorators that do not forward them) throw
  // "error.storage.unsupported", and Describe() returns the driver name.
  //
  // Streams the whole content into `sink` as of one point in time while other transactions go on
  // (online backup). SQLite: the online backup API copies the file into a private temporary file
  // next to the database (so the live database is read only for the copy), whose integrity is
  // checked before it is read out; a damaged database fails here ("error.storage.integrity") and
  // not only at restore time. PostgreSQL: one REPEATABLE READ READ ONLY transaction.
  virtual void ExportSnapshot(SnapshotSink& sink);
  // Fills the database from a snapshot in ONE transaction: `produce` pushes the records into the
  // sink it is given; if it throws, nothing is changed. Meta "storageLayout" records are ignored.
  virtual void ImportSnapshot(const std::function<void(SnapshotSink&)>& produce, ImportMode mode);
  // The backend's own consistency check; the findings, empty when all is well. SQLite: PRAGMA
  // integrity_check. PostgreSQL: every document's jsonb equals its stored text.
  virtual std::vector<std::string> CheckIntegrity();
  // A location for messages (file path or "postgres schema <name>"), never credentials.
  virtual std::string Describe() const;

  // Runs fn(Transaction&) in a read-write transaction and commits it; rolls back if fn throws.
  template <class Fn>
  auto WithTransaction(Fn&& fn) -> decltype(fn(std::declval<Transaction&>()));

  // One-operation conveniences, each in its own transaction.
  void Insert(std::string_view collection, std::string_view id, const boost::json::object& body);
  void Replace(std::string_view collection, std::string_view id, const boost::json::object& body);
  void Upsert(std::string_view collection, std::string_view id, const boost::json::object& body);
  bool Delete(std::string_view collection, std::string_view id);
  std::optional<boost::json::object> Get(std::string_view collection, std::string_view id);
  std::vector<Document> Find(std::string_view collection, const Query& query = {});
  std::uint64_t Count(std::string_view collection, const Filter& filter = {});
  std::int64_t NextSequenceValue(std::string_view key);
  std::int64_t AddToCounter(std::string_view key, std::int64_t delta);
  std::int64_t SchemaVersion();

 protected:
  Database() = default;
};

template <class Fn>
auto Database::WithTransaction(Fn&& fn) -> decltype(fn(std::declval<Transaction&>())) {
  auto tx = Begin(TransactionMode::kReadWrite);
  if constexpr (std::is_void_v<decltype(fn(*tx))>) {
    fn(*tx);
    tx->Commit();
  } else {
    auto result = fn(*tx);
    tx->Commit();
    return result;
  }
}

// Validation shared by the implementations (throw the codes listed above).
void ValidateCollectionName(std::string_view collection);
void ValidateIndexSpec(std::string_view collection, const IndexSpec& index);
// The name of the index in the database: "ix_<collection>_<name>" (at most 63 bytes for PostgreSQL).
std::string PhysicalIndexName(std::string_view collection, std::string_view name);
// Checks one imported document record (collection name, id length, a JSON object); throws the codes
// above ("error.storage.backend" for a document that is not a JSON object).
void ValidateSnapshotDocument(std::string_view collection, std::string_view id, std::string_view json);

// The meta keys the implementations keep.
inline constexpr std::string_view kMetaSchemaVersion = "schemaVersion";
inline constexpr std::string_view kMetaStorageLayout = "storageLayout";
// The table layout written by this code; a database with a higher layout is refused.
inline constexpr int kStorageLayoutVersion = 1;

}  // namespace nmshd::storage
