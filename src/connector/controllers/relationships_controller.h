#pragma once
// REST routes of the Relationships area (the official RelationshipsController.ts, role
// core:relationships, connector-surface §1.6): thin wrappers around transport::Relationships.
//
//   PUT    /Relationships/CanCreate                      200 {isSuccess, code?, message?}
//   POST   /Relationships                                201 RelationshipDTO
//   GET    /Relationships?templateId=&peer=&status=      200 [RelationshipDTO]
//   GET    /Relationships/{id}                           200 RelationshipDTO
//   PUT    /Relationships/{id}/Accept|Reject|Revoke      200 RelationshipDTO
//   PUT    /Relationships/{id}/Terminate                 200 RelationshipDTO
//   PUT    /Relationships/{id}/Reactivate[/Accept|/Reject|/Revoke]   200 RelationshipDTO
//   DELETE /Relationships/{id}                           204 (decompose)
// GET /Relationships/{id}/Attributes belongs to the attributes (consumption) layer.
#include "connector/http/connector_api.h"
#include "transport/modules/relationships/relationships.h"

namespace nmshd::connector {

void RegisterRelationshipRoutes(ConnectorApi& api, transport::Relationships& relationships);

}  // namespace nmshd::connector
