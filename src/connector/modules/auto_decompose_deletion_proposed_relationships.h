#pragma once
// The autoDecomposeDeletionProposedRelationships module (connector-surface §5.5): at start it
// decomposes every relationship in status DeletionProposed; afterwards, on each
// transport.relationshipChanged with status DeletionProposed, it waits 500 ms and decomposes.
//
// The waiting and decomposing happen on a worker of this module, never on the event bus's
// dispatcher thread. Failures are logged, as officially.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "connector/events/event_bus.h"
#include "transport/modules/relationships/relationships.h"

namespace nmshd::connector {

class AutoDecomposeDeletionProposedRelationships {
 public:
  static constexpr std::chrono::milliseconds kDelay{500};

  AutoDecomposeDeletionProposedRelationships(EventBus& bus, transport::Relationships& relationships,
                                             std::chrono::milliseconds delay = kDelay);
  ~AutoDecomposeDeletionProposedRelationships();
  AutoDecomposeDeletionProposedRelationships(const AutoDecomposeDeletionProposedRelationships&) = delete;
  AutoDecomposeDeletionProposedRelationships& operator=(const AutoDecomposeDeletionProposedRelationships&) = delete;

  // Decomposes the existing DeletionProposed relationships (before returning), then subscribes.
  void Start();
  // Unsubscribes and ends the worker; decompositions still waiting are dropped.
  void Stop();

 private:
  struct Task {
    std::chrono::steady_clock::time_point due;
    std::string id;
    std::string correlation_id;  // of the event that asked for it
  };
  void Run();
  void DecomposeLogged(const std::string& id);

  EventBus& bus_;
  transport::Relationships& relationships_;
  std::chrono::milliseconds delay_;
  std::optional<SubscriptionId> subscription_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Task> tasks_;  // in due order: the delay is constant
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace nmshd::connector
