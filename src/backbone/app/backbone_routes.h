#pragma once
// Every route of the Backbone API v2 in one place: what the server serves, and what unit tests
// drive through BackboneApi::Handle without sockets.
#include "api/api_routes.h"
#include "auth/access_tokens.h"
#include "backbone_context.h"
#include "storage/document_store.h"

namespace nmshd::backbone {

// The indexes of all modules of this folder (idempotent; call once at startup).
void EnsureBackboneIndexes(storage::Database& db);

// Registers the foundation's routes (auth, challenges, identities, devices, deletion processes,
// sync, datawallet, misc) and, when the content module is compiled in, its routes too.
void RegisterBackboneRoutes(ApiRoutes& routes, BackboneContext& ctx, auth::AccessTokens& tokens);

}  // namespace nmshd::backbone
