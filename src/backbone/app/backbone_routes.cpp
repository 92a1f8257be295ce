#include "app/backbone_routes.h"

#include "app/peer_relationships.h"

#include "auth/token_endpoint.h"
#include "challenges/challenges.h"
#include "identities/deletion_processes.h"
#include "identities/devices_routes.h"
#include "identities/identities_routes.h"
#include "identities/identity_store.h"
#include "misc/misc_routes.h"
#include "sync/datawallet.h"
#include "sync/sync_runs.h"
#include "sync/sync_store.h"

// The content module (templates, tokens, relationships, messages, files) lives in content/ and is
// written separately; it is wired in automatically once its entry point exists.
#if __has_include("content/content_routes.h")
#include "content/content_routes.h"
#define NMSHD_BACKBONE_HAS_CONTENT 1
#endif

namespace nmshd::backbone {

void EnsureBackboneIndexes(storage::Database& db) {
  identities::EnsureIdentityIndexes(db);
  sync::EnsureSyncIndexes(db);
}

void RegisterBackboneRoutes(ApiRoutes& routes, BackboneContext& ctx, auth::AccessTokens& tokens) {
  auth::RegisterTokenEndpoint(routes, ctx, tokens);
  challenges::RegisterChallengeRoutes(routes, ctx);
  identities::RegisterIdentityRoutes(routes, ctx);
  identities::RegisterDeviceRoutes(routes, ctx, tokens);
  identities::RegisterDeletionProcessRoutes(routes, ctx, PeerDeletionNotifier());
  sync::RegisterSyncRunRoutes(routes, ctx);
  sync::RegisterDatawalletRoutes(routes, ctx);
  misc::RegisterVersionRoute(routes);
  misc::RegisterHealthRoute(routes);
  misc::RegisterProbeRoutes(routes, ctx);
  misc::RegisterTagsRoute(routes);
  misc::RegisterAnnouncementsRoute(routes);
  misc::RegisterPublicTemplateReferencesRoute(routes);
  misc::RegisterNotificationsRoute(routes, ctx, NotificationRelationshipCheck());
  misc::RegisterSseRoute(routes, ctx);
#ifdef NMSHD_BACKBONE_HAS_CONTENT
  RegisterContentRoutes(routes, ctx);
#endif
}

}  // namespace nmshd::backbone
