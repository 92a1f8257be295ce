#include "transport/modules/state/state_watermark.h"

#include "core/core_date.h"
#include "transport/modules/files/files.h"
#include "transport/modules/messages/messages.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/modules/templates/relationship_templates.h"
#include "transport/modules/tokens/tokens.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;

std::int64_t IntegerOr(const std::optional<js::object>& doc, std::string_view member, std::int64_t fallback) {
  const auto* v = doc ? doc->if_contains(member) : nullptr;
  return v != nullptr && (v->is_int64() || v->is_uint64()) ? v->to_number<std::int64_t>() : fallback;
}

// Read-modify-write of the current document under the writer lock of kLockKey.
template <class Fn>
std::int64_t UpdateCurrent(storage::Transaction& tx, Fn&& change) {
  tx.Lock(StateWatermark::kLockKey);
  auto doc = tx.Get(StateWatermark::kCollection, StateWatermark::kCurrent).value_or(js::object{});
  change(doc);
  tx.Upsert(StateWatermark::kCollection, StateWatermark::kCurrent, doc);
  return IntegerOr(doc, "value", 0);
}

}  // namespace

bool StateWatermark::Counts(std::string_view collection) {
  return collection == Messages::kCollection || collection == Relationships::kCollection ||
         collection == RelationshipTemplates::kCollection || collection == Tokens::kCollection ||
         collection == Files::kCollection || collection == SyncEngine::kLedger;
}

std::int64_t StateWatermark::Advance(storage::Transaction& tx) {
  return UpdateCurrent(tx, [](js::object& doc) {
    doc["value"] = IntegerOr(doc, "value", 0) + 1;
    doc["changedAt"] = core::CoreDate::Now().ToString();
  });
}

storage::WriteStamp StateWatermark::MakeStamp(std::function<void(std::int64_t)> committed) {
  storage::WriteStamp stamp;
  stamp.stamps = &StateWatermark::Counts;
  stamp.stamp = &StateWatermark::Advance;
  stamp.committed = std::move(committed);
  return stamp;
}

StateSummary StateWatermark::Read(storage::Database& db) {
  auto tx = db.Begin(storage::TransactionMode::kReadOnly);
  StateSummary s;
  const auto current = tx->Get(kCollection, kCurrent);
  s.watermark = IntegerOr(current, "value", 0);
  if (const auto* at = current ? current->if_contains("changedAt") : nullptr; at != nullptr && at->is_string()) {
    s.changed_at = std::string(at->get_string());
  }
  s.messages = tx->Count(Messages::kCollection);
  s.relationships = tx->Count(Relationships::kCollection);
  s.templates = tx->Count(RelationshipTemplates::kCollection);
  s.tokens = tx->Count(Tokens::kCollection);
  s.files = tx->Count(Files::kCollection);
  const auto acknowledged = tx->Get(SyncEngine::kStateCollection, SyncEngine::kAcknowledgedEvents);
  if (const auto* index = acknowledged ? acknowledged->if_contains("index") : nullptr;
      index != nullptr && (index->is_int64() || index->is_uint64())) {
    s.acknowledged_event_index = index->to_number<std::int64_t>();
  }
  return s;
}

std::int64_t StateWatermark::RaiseTo(storage::Database& db, std::int64_t value) {
  return db.WithTransaction([&](storage::Transaction& tx) {
    return UpdateCurrent(tx, [&](js::object& doc) {
      if (IntegerOr(doc, "value", 0) >= value) return;
      doc["value"] = value;
      doc["changedAt"] = core::CoreDate::Now().ToString();
    });
  });
}

}  // namespace nmshd::transport
