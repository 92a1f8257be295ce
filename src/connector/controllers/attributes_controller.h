#pragma once
// Attributes routes (connector-surface §1.6, AttributesController.ts), role core:attributes: thin
// adapters over consumption::AttributeUseCases. Literal segments (CanCreate, Own/Identity,
// TagCollection, ExecuteIdentityAttributeQuery) are registered before /{id}.
//
// Served: PUT CanCreate, POST /, GET /, GET Own/Identity, GET Own/Shared/{peer}, GET Peer/{peer},
// GET TagCollection, POST Execute(Identity|Relationship|ThirdPartyRelationship)AttributeQuery,
// POST {id}/Succeed (own identity attributes; own relationship attributes, notifying the peer),
// GET {id}/ForwardingDetails, GET {id}/Versions/Shared, GET {id}/Versions, GET {id}, DELETE {id} (deletes and notifies the peers concerned, see
// AttributeUseCases::DeleteAttributeAndNotify), and GET /Relationships/{id}/Attributes.
// Registered from their own files: {id}/NotifyPeer (notify_peer_route.h), ExecuteIQLQuery and
// ValidateIQLQuery (attributes_iql_routes.h).
#include "connector/http/connector_api.h"
#include "consumption/attributes/attribute_use_cases.h"

namespace nmshd::connector {

void RegisterAttributeRoutes(ConnectorApi& api, consumption::AttributeUseCases& attributes);

}  // namespace nmshd::connector
