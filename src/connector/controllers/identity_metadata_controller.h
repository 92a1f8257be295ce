#pragma once
// IdentityMetadata routes (connector-surface §1.6, IdentityMetadataController.ts), role
// core:identityMetadata, over consumption::IdentityMetadataUseCases:
//   PUT    /IdentityMetadata                     body {reference, key?, value} -> 200 IdentityMetadataDTO
//   GET    /IdentityMetadata?reference=&key=     -> 200 IdentityMetadataDTO; none -> 400 notFound
//   DELETE /IdentityMetadata?reference=&key=     -> 204
// GET and DELETE have no @Accept officially, so they do no Accept check.
#include "connector/http/connector_api.h"
#include "consumption/identity_metadata/identity_metadata_use_cases.h"

namespace nmshd::connector {

void RegisterIdentityMetadataRoutes(ConnectorApi& api, consumption::IdentityMetadataUseCases& metadata);

}  // namespace nmshd::connector
