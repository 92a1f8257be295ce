#pragma once
// The runtime event bus (the runtime's EventEmitter2EventBus): transport and consumption publish
// events, modules (webhooks, message brokers, auto-accept, SSE clients) subscribe with patterns
// (event_pattern.h).
//
// Publish only queues: handlers run on one dispatcher thread, one event after the other in publish
// order, so a slow subscriber never blocks the sync run or request that published. While a handler
// runs, the publisher's correlation id is the current one (logging/correlation_id.h), as the
// official runtime keeps it through its async hooks. The queue is bounded: when it is full the
// event is dropped and logged at ERROR — losing an event is better than growing without limit
// behind a stuck subscriber. Handlers must therefore be quick; long work (HTTP calls) belongs on
// the subscriber's own workers. An exception from a handler is logged and does not reach others.
//
//   EventBus bus;
//   auto id = bus.Subscribe("transport.*", [](const Event& e) { ... });
//   bus.Publish(Event{"transport.messageReceived", messageDto});
//   bus.Unsubscribe(id);
//   bus.Stop(std::chrono::seconds(5));   // handles what is queued, within the deadline
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "connector/events/event.h"

namespace nmshd::connector {

using SubscriptionId = std::uint64_t;
using EventHandler = std::function<void(const Event&)>;

class EventBus {
 public:
  struct Options {
    // Events waiting for the dispatcher; beyond this Publish drops.
    std::size_t queueCapacity = 10000;
  };

  EventBus();
  explicit EventBus(Options options);
  // Stop() with its default deadline.
  ~EventBus();
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  // Queues the event for every subscription whose pattern matches its namespace at dispatch time.
  // An empty correlationId is replaced by the caller's current one. Returns false (and the event is
  // lost) when the queue is full (logged at ERROR) or the bus is stopped.
  bool Publish(Event event);

  // Ids are never reused. Subscriptions made while an event is queued see that event.
  SubscriptionId Subscribe(std::string_view pattern, EventHandler handler);
  // After it returns the handler is not called again; if the handler is running on the dispatcher
  // right now, waits for it to return (unless called from a handler itself). False for unknown ids.
  bool Unsubscribe(SubscriptionId id);

  // Stops accepting events and lets the dispatcher handle what is queued until `timeout` has passed;
  // whatever is still queued then is dropped (logged at ERROR). Waits for the handler that is
  // running at that moment, then ends the dispatcher. True when every queued event was handled.
  // Later calls return the first result.
  bool Stop(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  // Events lost because the queue was full or Stop's deadline passed.
  std::uint64_t DroppedCount() const;
  // Events waiting for the dispatcher (not counting the one being handled).
  std::size_t QueuedCount() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nmshd::connector
