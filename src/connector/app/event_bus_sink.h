#pragma once
// Hands the transport layer's events to the runtime event bus (the dependency points down:
// transport knows only TransportEventSink).
#include "connector/events/event_bus.h"
#include "transport/modules/transport_events.h"

namespace nmshd::connector {

class EventBusSink final : public transport::TransportEventSink {
 public:
  explicit EventBusSink(EventBus& bus) : bus_(bus) {}
  void Publish(transport::TransportEvent event) override {
    Event e;
    e.eventNamespace = std::move(event.name);
    if (!event.data.is_null()) e.data = std::move(event.data);
    bus_.Publish(std::move(e));
  }

 private:
  EventBus& bus_;
};

}  // namespace nmshd::connector
