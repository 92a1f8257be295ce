#pragma once
// POST /api/core/v1/Attributes/{id}/NotifyPeer {peer} (the official AttributesController's
// notifyPeerAboutOwnIdentityAttributeSuccession, role core:attributes): 201 with {predecessor,
// successor, notificationId}. Registered beside the other attribute routes; the use case lives
// with the notifications (consumption/notifications).
#include "connector/http/connector_api.h"
#include "consumption/notifications/notify_peer_about_own_identity_attribute_succession.h"

namespace nmshd::connector {

void RegisterNotifyPeerRoute(ConnectorApi& api, consumption::NotifyPeerAboutOwnIdentityAttributeSuccession& notify_peer);

}  // namespace nmshd::connector
