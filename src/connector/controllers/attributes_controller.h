#pragma once
// Attributes routes (connector-surface §1.6, AttributesController.ts), role core:attributes: thin
// adapters over consumption::AttributeUseCases. Literal segments (CanCreate, Own/Identity,
// TagCollection, ExecuteIdentityAttributeQuery) are registered before /{id}.
//
// Served: PUT CanCreate, POST /, GET /, GET Own/Identity, GET TagCollection,
// POST ExecuteIdentityAttributeQuery, POST {id}/Succeed (own identity attributes), GET {id}/Versions,
// GET {id}, DELETE {id} (attributes not shared with peers).
// Not yet (attributes exchanged with peers come with requests): Own/Shared/{peer}, Peer/{peer},
// {id}/ForwardingDetails, {id}/Versions/Shared, {id}/NotifyPeer, Execute(Relationship|ThirdParty
// RelationshipAttribute|IQL)Query, ValidateIQLQuery.
#include "connector/http/connector_api.h"
#include "consumption/attributes/attribute_use_cases.h"

namespace nmshd::connector {

void RegisterAttributeRoutes(ConnectorApi& api, consumption::AttributeUseCases& attributes);

}  // namespace nmshd::connector
