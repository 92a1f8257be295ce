#include "misc/misc_routes.h"
#include "sync/sync_store.h"

namespace nmshd::backbone::misc {

namespace {

std::string Event(std::string_view name) { return "event: " + std::string(name) + "\ndata: _\n\n"; }

}  // namespace

void RegisterSseRoute(ApiRoutes& routes, const BackboneContext& ctx) {
  routes.Authenticated("GET", "/api/v2/sse", [&ctx](http::Request&, const Caller& caller) {
    bool pending = false;
    {
      auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
      pending = !sync::UnsyncedEvents(*tx, caller.address, 1).empty();
    }
    std::string body = "retry: " + std::to_string(kSseRetryMilliseconds) + "\n\n" + Event("ConnectionOpened");
    if (pending) body += Event("ExternalEventCreated");
    auto response = http::Response::Bytes(200, "text/event-stream", std::move(body));
    response.SetHeader("Cache-Control", "no-cache");
    return response;
  });
}

}  // namespace nmshd::backbone::misc
