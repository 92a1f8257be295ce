#pragma once
// One event of the runtime event bus: the runtime's `Event`/`DataEvent` (namespace plus optional DTO),
// with the correlation id of the work that published it, so that handlers (webhooks, logs) stay
// attributed to the request or sync run that caused the event.
#include <boost/json.hpp>
#include <optional>
#include <string>

namespace nmshd::connector {

struct Event {
  // Dotted name such as "transport.messageReceived" (event_names.h).
  std::string eventNamespace;
  // The DTO of a DataEvent; nullopt for events without data (e.g. "transport.datawalletSynchronized"
  // or "runtime.modulesStarted"), which webhooks deliver without a "data" key.
  std::optional<boost::json::value> data;
  // "" = take the publisher's current correlation id when published (EventBus::Publish).
  std::string correlationId;
};

}  // namespace nmshd::connector
