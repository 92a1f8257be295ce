#pragma once
// POST /Challenges and POST /Challenges/Validate (runtime CreateChallenge / ValidateChallenge,
// transport ChallengeController).
#include "connector/http/connector_api.h"
#include "transport/modules/relationships/relationships.h"
#include "transport/modules/transport_context.h"

namespace nmshd::connector {

void RegisterChallengeRoutes(ConnectorApi& api, transport::TransportContext& ctx,
                             transport::Relationships& relationships);

}  // namespace nmshd::connector
