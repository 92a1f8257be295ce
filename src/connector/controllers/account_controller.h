#pragma once
// Account, Announcements and BackboneNotifications routes (connector-surface §1.6): the identity,
// the sync, and the two Backbone pass-throughs that need no local state.
#include "connector/http/connector_api.h"
#include "transport/account/account.h"
#include "transport/backbone/backbone_client.h"
#include "transport/modules/sync/sync_engine.h"

namespace nmshd::connector {

void RegisterAccountRoutes(ConnectorApi& api, const transport::Account& account, transport::SyncEngine& sync);
void RegisterAnnouncementRoutes(ConnectorApi& api, transport::BackboneClient& backbone);
void RegisterBackboneNotificationRoutes(ConnectorApi& api, transport::BackboneClient& backbone);

}  // namespace nmshd::connector
