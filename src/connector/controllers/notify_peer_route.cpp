#include "connector/controllers/notify_peer_route.h"

#include "connector/http/envelopes.h"

namespace nmshd::connector {

namespace js = boost::json;

void RegisterNotifyPeerRoute(ConnectorApi& api, consumption::NotifyPeerAboutOwnIdentityAttributeSuccession& notify_peer) {
  api.Add("POST", CoreRoute("/Attributes/{id}/NotifyPeer"), {"core:attributes"}, [&notify_peer](ApiCall& call) {
    // {attributeId: id, peer: request.peer}: an absent peer stays absent (the schema reports it).
    js::object request{{"attributeId", call.request.PathParam("id")}};
    const auto& body = call.BodyValue();
    if (body.is_object()) {
      if (const auto* peer = body.get_object().if_contains("peer"); peer != nullptr) {
        request["peer"] = *peer;
      }
    }
    return Created(notify_peer.Execute(request));
  });
}

}  // namespace nmshd::connector
