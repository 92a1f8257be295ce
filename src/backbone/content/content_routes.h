#pragma once
// The content modules of the Backbone under /api/v2: RelationshipTemplates, Tokens, Relationships,
// Messages, Files (backbone-protocol §1.5–1.9). Creates the content indexes (idempotent), then
// registers every route; all limits come from ctx.config.limits. Each state change and the
// external events it causes are written in one storage transaction.
#include "api/api_routes.h"
#include "backbone_context.h"
#include "content/identity_status.h"

namespace nmshd::backbone {

struct ContentOptions {
  // Status of identities for CanCreate / POST /Relationships (content/identity_status.h).
  content::IdentityStatusLookup identity_status = content::IdentitiesModuleLookup();
};

void RegisterContentRoutes(ApiRoutes& routes, BackboneContext& ctx);
void RegisterContentRoutes(ApiRoutes& routes, BackboneContext& ctx, ContentOptions options);

}  // namespace nmshd::backbone
