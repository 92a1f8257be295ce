#pragma once
// In-transaction observers of transport changes: the layers above (the consumption's RequestModule)
// react to a received or sent message, a changed relationship or a loaded peer template INSIDE the
// transaction that stores that change. What they write commits with it (and, for sync processors,
// with the sync ledger entry), so a crash never leaves a message stored whose request was not
// received, and a redelivered external event is not reacted to twice. Events they add to `pending`
// are published after the commit, behind the transport event itself.
//
// An observer that throws rolls the whole change back (for a sync processor: the external event is
// reported as failed and handed out again). Observers therefore catch what they can tolerate.
#include <boost/json.hpp>
#include <functional>
#include <utility>
#include <vector>

#include "storage/document_store.h"
#include "transport/modules/transport_events.h"

namespace nmshd::transport {

// `dto` is the runtime DTO of the changed record (MessageDTO, RelationshipDTO, RelationshipTemplateDTO)
// as the transport event carries it.
using ChangeObserver =
    std::function<void(storage::Transaction& tx, const boost::json::object& dto, PendingEvents& pending)>;

class ChangeObservers {
 public:
  void Add(ChangeObserver observer) { observers_.push_back(std::move(observer)); }
  void Notify(storage::Transaction& tx, const boost::json::object& dto, PendingEvents& pending) const {
    for (const auto& observer : observers_) observer(tx, dto, pending);
  }

 private:
  std::vector<ChangeObserver> observers_;
};

}  // namespace nmshd::transport
