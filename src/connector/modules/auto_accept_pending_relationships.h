#pragma once
// The autoAcceptPendingRelationships module (connector-surface §5.4): on
// transport.relationshipChanged with status Pending whose audit log holds exactly one entry not
// created by us (an incoming request), accept it.
//
// The event bus runs handlers on its one dispatcher thread and wants them quick, so the handler
// only queues the id; a worker of this module does the accepting (Backbone calls). Failures are
// logged, as officially.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "connector/events/event_bus.h"
#include "transport/modules/relationships/relationships.h"

namespace nmshd::connector {

class AutoAcceptPendingRelationships {
 public:
  AutoAcceptPendingRelationships(EventBus& bus, transport::Relationships& relationships);
  // `own_address` decides which requests are incoming (default: the relationships' identity).
  AutoAcceptPendingRelationships(EventBus& bus, transport::Relationships& relationships, std::string own_address);
  ~AutoAcceptPendingRelationships();
  AutoAcceptPendingRelationships(const AutoAcceptPendingRelationships&) = delete;
  AutoAcceptPendingRelationships& operator=(const AutoAcceptPendingRelationships&) = delete;

  void Start();
  // Unsubscribes and ends the worker; requests queued but not yet accepted stay pending.
  void Stop();

  // Whether the module would accept the relationship of this RelationshipDTO.
  static bool IsIncomingRequest(const boost::json::value& relationship_dto, const std::string& own_address);

 private:
  void Run();

  EventBus& bus_;
  transport::Relationships& relationships_;
  std::string own_address_;
  std::optional<SubscriptionId> subscription_;
  std::mutex mutex_;
  std::condition_variable wake_;
  // (relationship id, correlation id of the event that asked for it)
  std::deque<std::pair<std::string, std::string>> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace nmshd::connector
