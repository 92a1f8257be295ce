#pragma once
// RelationshipTemplates routes (connector-surface §1.6, RelationshipTemplatesController.ts), role
// core:relationshipTemplates: thin adapters over transport::RelationshipTemplates. The
// `Accept: image/png` variants answer the QR code of the reference URL (GET: 200; POST …/Token:
// 201, the token then always ephemeral).
#include "connector/http/connector_api.h"
#include "transport/modules/templates/relationship_templates.h"

namespace nmshd::connector {

// `tokens` is not needed (the templates module creates the tokens of its templates itself); the
// parameter keeps the wiring of the app uniform with the other token-using controllers.
void RegisterRelationshipTemplateRoutes(ConnectorApi& api, transport::RelationshipTemplates& templates,
                                        transport::Tokens& tokens);

}  // namespace nmshd::connector
