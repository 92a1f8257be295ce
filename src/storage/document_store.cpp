#include "storage/document_store.h"

#include "base/coded_error.h"
#include "base/js_json.h"

namespace nmshd::storage {
namespace {

constexpr std::size_t kMaxIdBytes = 512;

bool IsIdentifierChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsIdentifier(std::string_view s, std::size_t max_length) {
  if (s.empty() || s.size() > max_length) return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  for (char c : s) {
    if (!IsIdentifierChar(c)) return false;
  }
  return true;
}

void ValidateId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) {
    throw CodedError("error.storage.invalidId", "document id must be 1 to 512 bytes long");
  }
}

boost::json::object ParseStored(const std::string& json, std::string_view collection, std::string_view id) {
  const auto value = nmshd::json::Parse(json, "stored document");
  if (!value.is_object()) {
    throw CodedError("error.storage.backend",
                     "stored document " + std::string(collection) + "/" + std::string(id) + " is not a JSON object");
  }
  return value.get_object();
}

}  // namespace

void ValidateCollectionName(std::string_view collection) {
  if (!IsIdentifier(collection, 40)) {
    throw CodedError("error.storage.invalidCollection",
                     "invalid collection name '" + std::string(collection) + "' (expected [A-Za-z][A-Za-z0-9_]{0,39})");
  }
}

std::string PhysicalIndexName(std::string_view collection, std::string_view name) {
  return "ix_" + std::string(collection) + "_" + std::string(name);
}

void ValidateIndexSpec(std::string_view collection, const IndexSpec& index) {
  ValidateCollectionName(collection);
  if (!IsIdentifier(index.name, 63) || PhysicalIndexName(collection, index.name).size() > 63) {
    throw CodedError("error.storage.invalidIndex", "invalid index name '" + index.name +
                                                       "' (expected [A-Za-z][A-Za-z0-9_]*, with the collection "
                                                       "name at most 59 characters)");
  }
  if (index.fields.empty() || index.fields.size() > 8) {
    throw CodedError("error.storage.invalidIndex", "index '" + index.name + "' needs 1 to 8 fields");
  }
  for (const auto& field : index.fields) FieldPath::Parse(field);
}

void Database::ExportSnapshot(SnapshotSink&) {
  throw CodedError("error.storage.unsupported", "this database does not support snapshots");
}

void Database::ImportSnapshot(const std::function<void(SnapshotSink&)>&, ImportMode) {
  throw CodedError("error.storage.unsupported", "this database does not support snapshots");
}

std::vector<std::string> Database::CheckIntegrity() {
  throw CodedError("error.storage.unsupported", "this database has no integrity check");
}

std::string Database::Describe() const { return std::string(driver()); }

void ValidateSnapshotDocument(std::string_view collection, std::string_view id, std::string_view json) {
  ValidateCollectionName(collection);
  ValidateId(id);
  ParseStored(std::string(json), collection, id);
}

template <class Fn>
auto Transaction::Guarded(bool writes, Fn&& fn) -> decltype(fn()) {
  if (state_ != State::kOpen) {
    throw CodedError("error.storage.transactionFailed", state_ == State::kCommitted
                                                            ? "the transaction is already committed"
                                                            : "an earlier operation of this transaction failed; "
                                                              "it can only be rolled back");
  }
  if (writes && mode_ == TransactionMode::kReadOnly) {
    throw CodedError("error.storage.readOnly", "write in a read-only transaction");
  }
  try {
    return fn();
  } catch (...) {
    state_ = State::kFailed;
    throw;
  }
}

void Transaction::Insert(std::string_view collection, std::string_view id, const boost::json::object& body) {
  ValidateCollectionName(collection);
  ValidateId(id);
  Guarded(true, [&] { DoInsert(collection, id, nmshd::json::Stringify(body)); });
}

void Transaction::Replace(std::string_view collection, std::string_view id, const boost::json::object& body) {
  ValidateCollectionName(collection);
  ValidateId(id);
  Guarded(true, [&] {
    if (!DoReplace(collection, id, nmshd::json::Stringify(body))) {
      throw CodedError("error.storage.notFound",
                       "no document '" + std::string(id) + "' in collection '" + std::string(collection) + "'");
    }
  });
}

void Transaction::Upsert(std::string_view collection, std::string_view id, const boost::json::object& body) {
  ValidateCollectionName(collection);
  ValidateId(id);
  Guarded(true, [&] { DoUpsert(collection, id, nmshd::json::Stringify(body)); });
}

bool Transaction::Delete(std::string_view collection, std::string_view id) {
  ValidateCollectionName(collection);
  ValidateId(id);
  return Guarded(true, [&] { return DoDelete(collection, id); });
}

std::optional<boost::json::object> Transaction::Get(std::string_view collection, std::string_view id) {
  ValidateCollectionName(collection);
  ValidateId(id);
  return Guarded(false, [&]() -> std::optional<boost::json::object> {
    auto json = DoGet(collection, id);
    if (!json) return std::nullopt;
    return ParseStored(*json, collection, id);
  });
}

std::vector<Document> Transaction::Find(std::string_view collection, const Query& query) {
  ValidateCollectionName(collection);
  return Guarded(false, [&] {
    std::vector<Document> documents;
    for (auto& [id, json] : DoFind(collection, query)) {
      auto body = ParseStored(json, collection, id);
      documents.push_back(Document{std::move(id), std::move(body)});
    }
    return documents;
  });
}

std::uint64_t Transaction::Count(std::string_view collection, const Filter& filter) {
  ValidateCollectionName(collection);
  return Guarded(false, [&] { return DoCount(collection, filter); });
}

namespace {

// Sequences, counters and locks are named by keys with the bounds of a document id.
void ValidateKey(std::string_view key, std::string_view what) {
  if (key.empty() || key.size() > kMaxIdBytes) {
    throw CodedError("error.storage.invalidId", std::string(what) + " key must be 1 to 512 bytes long");
  }
}

}  // namespace

std::int64_t Transaction::NextSequenceValue(std::string_view key) {
  ValidateKey(key, "sequence");
  return Guarded(true, [&] { return DoNextSequenceValue(key); });
}

std::int64_t Transaction::AddToCounter(std::string_view key, std::int64_t delta) {
  ValidateKey(key, "counter");
  return Guarded(true, [&] { return DoAddToCounter(key, delta); });
}

void Transaction::Lock(std::string_view key) {
  ValidateKey(key, "lock");
  Guarded(true, [&] { DoLock(key); });
}

std::int64_t Transaction::ReadSchemaVersion() {
  return Guarded(false, [&]() -> std::int64_t {
    const auto text = DoReadMeta(kMetaSchemaVersion);
    try {
      return std::stoll(text);
    } catch (const std::exception&) {
      throw CodedError("error.storage.backend", "stored schema version '" + text + "' is not a number");
    }
  });
}

void Transaction::WriteSchemaVersion(std::int64_t version) {
  if (version < 0) throw CodedError("error.storage.invalidQuery", "schema version must not be negative");
  Guarded(true, [&] { DoWriteMeta(kMetaSchemaVersion, std::to_string(version)); });
}

void Transaction::Commit() {
  Guarded(false, [&] { DoCommit(); });
  state_ = State::kCommitted;
  for (auto& fn : std::exchange(after_commit_, {})) {
    try {
      fn();
    } catch (...) {
    }
  }
}

void Transaction::AfterCommit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }

void Database::Insert(std::string_view collection, std::string_view id, const boost::json::object& body) {
  WithTransaction([&](Transaction& tx) { tx.Insert(collection, id, body); });
}

void Database::Replace(std::string_view collection, std::string_view id, const boost::json::object& body) {
  WithTransaction([&](Transaction& tx) { tx.Replace(collection, id, body); });
}

void Database::Upsert(std::string_view collection, std::string_view id, const boost::json::object& body) {
  WithTransaction([&](Transaction& tx) { tx.Upsert(collection, id, body); });
}

bool Database::Delete(std::string_view collection, std::string_view id) {
  return WithTransaction([&](Transaction& tx) { return tx.Delete(collection, id); });
}

std::optional<boost::json::object> Database::Get(std::string_view collection, std::string_view id) {
  auto tx = Begin(TransactionMode::kReadOnly);
  return tx->Get(collection, id);
}

std::vector<Document> Database::Find(std::string_view collection, const Query& query) {
  auto tx = Begin(TransactionMode::kReadOnly);
  return tx->Find(collection, query);
}

std::uint64_t Database::Count(std::string_view collection, const Filter& filter) {
  auto tx = Begin(TransactionMode::kReadOnly);
  return tx->Count(collection, filter);
}

std::int64_t Database::NextSequenceValue(std::string_view key) {
  return WithTransaction([&](Transaction& tx) { return tx.NextSequenceValue(key); });
}

std::int64_t Database::AddToCounter(std::string_view key, std::int64_t delta) {
  return WithTransaction([&](Transaction& tx) { return tx.AddToCounter(key, delta); });
}

std::int64_t Database::SchemaVersion() {
  auto tx = Begin(TransactionMode::kReadOnly);
  return tx->ReadSchemaVersion();
}

}  // namespace nmshd::storage
