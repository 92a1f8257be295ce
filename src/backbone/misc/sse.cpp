#include <memory>

#include "http/streaming_body.h"
#include "misc/misc_routes.h"
#include "sync/external_event_notifier.h"
#include "sync/sync_store.h"

namespace nmshd::backbone::misc {

namespace {

// The official SseController's format: the event name and a placeholder data line.
std::string Event(std::string_view name) { return "event: " + std::string(name) + "\ndata: _\n\n"; }

http::Response OpenStream(const BackboneContext& ctx, const Caller& caller) {
  http::StreamingBody::Options options;
  options.heartbeat = ": keep-alive\n\n";
  options.heartbeat_interval = kSseHeartbeatInterval;
  auto body = std::make_shared<http::StreamingBody>(options);
  body->Write(Event("ConnectionOpened"));

  // Subscribed before looking for undelivered events, so an event created in between is announced
  // by the notifier instead of being missed. The listener does not keep the stream alive, and the
  // stream's end removes the listener.
  const std::weak_ptr<http::StreamingBody> weak_body = body;
  const auto id = ctx.external_events->Subscribe(caller.address, [weak_body] {
    if (auto stream = weak_body.lock()) stream->Write(Event("ExternalEventCreated"));
  });
  const std::weak_ptr<ExternalEventNotifier> weak_notifier = ctx.external_events;
  body->OnEnd([weak_notifier, id] {
    if (auto notifier = weak_notifier.lock()) notifier->Unsubscribe(id);
  });

  bool pending = false;
  {
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    pending = !sync::UnsyncedEvents(*tx, caller.address, 1).empty();
  }
  if (pending) body->Write(Event("ExternalEventCreated"));

  http::Response response{200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}}, {}};
  response.stream = std::move(body);
  return response;
}

}  // namespace

void RegisterSseRoute(ApiRoutes& routes, const BackboneContext& ctx) {
  for (const char* path : {"/api/v1/sse", "/api/v2/sse"}) {
    routes.Authenticated("GET", path, [&ctx](http::Request&, const Caller& caller) { return OpenStream(ctx, caller); });
  }
}

}  // namespace nmshd::backbone::misc
