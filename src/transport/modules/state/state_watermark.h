#pragma once
// The state watermark: a counter in the database that grows in the SAME transaction as every change
// the Backbone also knows about: a sync's processed and acknowledged external events (ledger
// "processedExternalEvents"), and every own or loaded template, token, file, message and
// relationship. A copy of it travels to the Backbone (state_marker.h, state_publisher.h), so at
// start a database restored from an older backup is recognised by a watermark lower than the one
// the Backbone holds (stale_state_check.h).
//
// The connector wraps its database with MakeStamp() (storage/stamped_database.h), so no module has
// to remember it. Collections the Backbone does not know (the account, sync bookkeeping, the
// watermark itself) do not count. Local-only changes inside counted collections (deleting a loaded
// peer template) count as well: a backup older than them is refused although nothing is lost, which
// errs on the safe side.
//
// Storage (schema 2, see schema/transport_schema.h): collection "stateWatermark", document
// "current" {"value": n, "changedAt": ISO}. On PostgreSQL concurrent writers serialise on the
// storage lock kLockKey (Transaction::Lock), so every change gets its own value.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "storage/document_store.h"
#include "storage/stamped_database.h"
#include "transport/modules/state/state_summary.h"

namespace nmshd::transport {

class StateWatermark {
 public:
  static constexpr std::string_view kCollection = "stateWatermark";
  static constexpr std::string_view kCurrent = "current";
  static constexpr std::string_view kLockKey = "stateWatermark";

  // Whether a write to `collection` changes state the Backbone knows.
  static bool Counts(std::string_view collection);
  // Increments the watermark inside `tx`; returns the new value.
  static std::int64_t Advance(storage::Transaction& tx);
  // The stamp for storage::StampWrites; `committed` receives each committed value (any thread).
  static storage::WriteStamp MakeStamp(std::function<void(std::int64_t)> committed);

  // The watermark with the counts, read in one read-only transaction.
  static StateSummary Read(storage::Database& db);
  // Sets the watermark to `value` when it is lower (accepting a stale database: the next change
  // then lies above everything the Backbone has seen). Returns the resulting value.
  static std::int64_t RaiseTo(storage::Database& db, std::int64_t value);
};

}  // namespace nmshd::transport
