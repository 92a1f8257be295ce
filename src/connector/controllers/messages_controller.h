#pragma once
// Messages routes (connector-surface §1.6, MessagesController.ts), role core:messages: thin
// adapters over transport::Messages; the attachment download answers the raw bytes with
// Content-Disposition.
#include "connector/http/connector_api.h"
#include "transport/modules/messages/messages.h"

namespace nmshd::connector {

void RegisterMessageRoutes(ConnectorApi& api, transport::Messages& messages);

}  // namespace nmshd::connector
