#include "content/content_routes.h"

#include "content/content_store.h"
#include "content/files.h"
#include "content/messages.h"
#include "content/relationship_templates.h"
#include "content/relationships.h"
#include "content/tokens.h"

namespace nmshd::backbone {

void RegisterContentRoutes(ApiRoutes& routes, BackboneContext& ctx) {
  RegisterContentRoutes(routes, ctx, ContentOptions{});
}

void RegisterContentRoutes(ApiRoutes& routes, BackboneContext& ctx, ContentOptions options) {
  content::EnsureContentIndexes(ctx.db);
  content::RegisterRelationshipTemplateRoutes(routes, ctx);
  content::RegisterTokenRoutes(routes, ctx);
  content::RegisterRelationshipRoutes(routes, ctx, std::move(options.identity_status));
  content::RegisterMessageRoutes(routes, ctx);
  content::RegisterFileRoutes(routes, ctx);
}

}  // namespace nmshd::backbone
