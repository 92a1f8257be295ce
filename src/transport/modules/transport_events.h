#pragma once
// Events the transport layer raises (the runtime's `transport.*` events: name + DTO). The connector
// layer implements the sink with its event bus; transport only knows this interface, so the
// dependency keeps pointing down.
//
// Changes are published only after the transaction that made them committed (PendingEvents): a
// webhook must never announce a message that a rollback then removed.
#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace nmshd::transport {

struct TransportEvent {
  std::string name;          // e.g. "transport.messageReceived"
  boost::json::value data;   // the DTO, or null for events without data
};

class TransportEventSink {
 public:
  virtual ~TransportEventSink() = default;
  virtual void Publish(TransportEvent event) = 0;
};

// Collects the events of one change; the owner publishes them after Commit().
class PendingEvents {
 public:
  void Add(std::string name, boost::json::value data) { events_.push_back({std::move(name), std::move(data)}); }
  void PublishTo(TransportEventSink& sink) {
    for (auto& event : events_) sink.Publish(std::move(event));
    events_.clear();
  }
  bool empty() const { return events_.empty(); }

 private:
  std::vector<TransportEvent> events_;
};

// A sink that drops everything (tools and tests without an event bus).
class NullEventSink final : public TransportEventSink {
 public:
  void Publish(TransportEvent) override {}
};

}  // namespace nmshd::transport
