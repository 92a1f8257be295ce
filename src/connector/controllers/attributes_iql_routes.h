#pragma once
// The IQL routes of the Attributes controller (connector-surface §1.6, AttributesController.ts),
// role core:attributes, over consumption::IqlUseCases; both answer 200:
//   POST /Attributes/ExecuteIQLQuery   body {query: {queryString, attributeCreationHints?}} -> LocalAttributeDTO[]
//   POST /Attributes/ValidateIQLQuery  body {query: {@type: "IQLQuery", queryString}} -> {isValid, error?}
// Registered next to RegisterAttributeRoutes; neither path collides with /Attributes/{id} routes
// (POST there is only /Attributes/{id}/Succeed and /NotifyPeer, one segment longer).
#include "connector/http/connector_api.h"
#include "consumption/iql/iql_use_cases.h"

namespace nmshd::connector {

void RegisterIqlRoutes(ConnectorApi& api, consumption::IqlUseCases& iql);

}  // namespace nmshd::connector
