#pragma once
// Tokens routes (connector-surface §1.6, TokensController.ts), role core:tokens: thin adapters over
// transport::Tokens. `ephemeral` defaults to false on both POSTs; GET /Tokens/{id} answers the QR
// code of the reference URL for `Accept: image/png`.
#include "connector/http/connector_api.h"
#include "transport/modules/tokens/tokens.h"

namespace nmshd::connector {

void RegisterTokenRoutes(ConnectorApi& api, transport::Tokens& tokens);

}  // namespace nmshd::connector
