#pragma once
// A Database decorator that adds one write of the owner's own to every read-write transaction that
// changes chosen collections, and tells the owner when such a transaction committed.
//
// Why a decorator: the connector's "state watermark" (transport/modules/state) must grow in the
// SAME transaction as every change the Backbone also knows about, whoever makes the change. Doing
// it here means no module can forget it, and a rollback takes the stamp back with the change.
//
// The stamp runs inside the transaction right before its first write to a stamped collection (so
// on PostgreSQL any lock it takes is held until the commit), at most once per transaction. The
// `committed` callback runs after the commit on the committing thread; keep it short (notify a
// queue). Read-only transactions and writes to other collections pass through untouched.
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "storage/document_store.h"

namespace nmshd::storage {

struct WriteStamp {
  std::function<bool(std::string_view collection)> stamps;
  // Runs inside the transaction; what it returns is handed to `committed`.
  std::function<std::int64_t(Transaction& tx)> stamp;
  std::function<void(std::int64_t stamp)> committed;
};

// Owns `inner`. Read-only transactions and every other call (maintenance included) are passed through.
std::unique_ptr<Database> StampWrites(std::unique_ptr<Database> inner, WriteStamp stamp);

}  // namespace nmshd::storage
