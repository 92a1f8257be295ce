#pragma once
// Requests routes (connector-surface "Requests (incoming)" / "Requests (outgoing)",
// IncomingRequestsController.ts and OutgoingRequestsController.ts): thin adapters over
// consumption::RequestUseCases. Roles core:requests or core:requests:incoming|outgoing.
//
// Incoming: PUT {id}/CanAccept, PUT {id}/Accept, PUT {id}/CanReject, PUT {id}/Reject (a body with
// decidedByAutomation is refused with error.connector.incomingRequests.decidedByAutomation),
// GET {id}, GET /. Outgoing: POST Validate (201, as officially), POST / (201), GET {id}, GET /.
#include "connector/http/connector_api.h"
#include "consumption/requests/request_use_cases.h"

namespace nmshd::connector {

void RegisterRequestRoutes(ConnectorApi& api, consumption::RequestUseCases& requests);

}  // namespace nmshd::connector
