#include "storage/stamped_database.h"

#include <optional>

namespace nmshd::storage {

// Forwards every operation to the wrapped transaction's implementation (the public calls of this
// object already did the validation and state checks) and stamps before the first stamped write.
class StampedTransaction final : public Transaction {
 public:
  StampedTransaction(std::unique_ptr<Transaction> inner, const WriteStamp& stamp)
      : Transaction(TransactionMode::kReadWrite), inner_(std::move(inner)), stamp_(stamp) {}

 protected:
  void DoInsert(std::string_view collection, std::string_view id, const std::string& json) override {
    BeforeWrite(collection);
    inner_->DoInsert(collection, id, json);
  }
  bool DoReplace(std::string_view collection, std::string_view id, const std::string& json) override {
    BeforeWrite(collection);
    return inner_->DoReplace(collection, id, json);
  }
  void DoUpsert(std::string_view collection, std::string_view id, const std::string& json) override {
    BeforeWrite(collection);
    inner_->DoUpsert(collection, id, json);
  }
  bool DoDelete(std::string_view collection, std::string_view id) override {
    BeforeWrite(collection);
    return inner_->DoDelete(collection, id);
  }
  std::optional<std::string> DoGet(std::string_view collection, std::string_view id) override {
    return inner_->DoGet(collection, id);
  }
  std::vector<std::pair<std::string, std::string>> DoFind(std::string_view collection, const Query& query) override {
    return inner_->DoFind(collection, query);
  }
  std::uint64_t DoCount(std::string_view collection, const Filter& filter) override {
    return inner_->DoCount(collection, filter);
  }
  std::int64_t DoNextSequenceValue(std::string_view key) override { return inner_->DoNextSequenceValue(key); }
  std::int64_t DoAddToCounter(std::string_view key, std::int64_t delta) override {
    return inner_->DoAddToCounter(key, delta);
  }
  void DoLock(std::string_view key) override { inner_->DoLock(key); }
  std::string DoReadMeta(std::string_view key) override { return inner_->DoReadMeta(key); }
  void DoWriteMeta(std::string_view key, const std::string& value) override { inner_->DoWriteMeta(key, value); }
  void DoCommit() override {
    inner_->Commit();
    if (!stamped_ || !stamp_.committed) return;
    try {
      stamp_.committed(*stamped_);
    } catch (...) {
      // The data is committed; a failing notification must not make the caller believe otherwise.
    }
  }

 private:
  void BeforeWrite(std::string_view collection) {
    if (stamped_ || !stamp_.stamps || !stamp_.stamp || !stamp_.stamps(collection)) return;
    // Through the wrapped transaction's public calls: the stamp's own writes are not stamped again.
    stamped_ = stamp_.stamp(*inner_);
  }

  std::unique_ptr<Transaction> inner_;
  const WriteStamp& stamp_;
  std::optional<std::int64_t> stamped_;
};

namespace {

class StampedDatabase final : public Database {
 public:
  StampedDatabase(std::unique_ptr<Database> inner, WriteStamp stamp)
      : inner_(std::move(inner)), stamp_(std::move(stamp)) {}

  std::string_view driver() const override { return inner_->driver(); }

  std::unique_ptr<Transaction> Begin(TransactionMode mode) override {
    auto tx = inner_->Begin(mode);
    if (mode == TransactionMode::kReadOnly) return tx;
    return std::make_unique<StampedTransaction>(std::move(tx), stamp_);
  }

  void EnsureIndex(std::string_view collection, const IndexSpec& index) override {
    inner_->EnsureIndex(collection, index);
  }
  void Ping() override { inner_->Ping(); }
  std::uint64_t SizeBytes() override { return inner_->SizeBytes(); }
  void FlushCommitted() override { inner_->FlushCommitted(); }
  void ExportSnapshot(SnapshotSink& sink) override { inner_->ExportSnapshot(sink); }
  // A snapshot brings its own watermark along (it is data like any other): nothing to stamp.
  void ImportSnapshot(const std::function<void(SnapshotSink&)>& produce, ImportMode mode) override {
    inner_->ImportSnapshot(produce, mode);
  }
  std::vector<std::string> CheckIntegrity() override { return inner_->CheckIntegrity(); }
  std::string Describe() const override { return inner_->Describe(); }

 private:
  std::unique_ptr<Database> inner_;
  WriteStamp stamp_;
};

}  // namespace

std::unique_ptr<Database> StampWrites(std::unique_ptr<Database> inner, WriteStamp stamp) {
  return std::make_unique<StampedDatabase>(std::move(inner), std::move(stamp));
}

}  // namespace nmshd::storage
