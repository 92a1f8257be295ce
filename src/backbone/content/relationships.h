#pragma once
// Relationships (backbone-protocol §1.7; official Modules/Relationships Relationship.cs,
// RelationshipsController.cs, and the Synchronization/Messages handlers of their domain events).
//
// State machine (each step appends an audit log entry {createdAt, createdBy, createdByDevice,
// reason, oldStatus, newStatus}):
//   create            → Pending       (requestor "from" → template owner "to")
//   Accept            Pending → Active        only "to";   RelationshipStatusChanged to "from",
//                                                            blocked MessageReceived unblocked
//   Reject            Pending → Rejected      only "to";   RelationshipStatusChanged, blocked
//                                                            MessageReceived dropped
//   Revoke            Pending → Revoked       only "from"; as Reject
//   Terminate         Active → Terminated     either;      RelationshipStatusChanged
//   Reactivate        Terminated (no open request)         RelationshipReactivationRequested
//   Reactivate/Accept Terminated → Active     the requester's peer; ReactivationCompleted +
//                                                            unblocking
//   Reactivate/Reject Terminated              the requester's peer; ReactivationCompleted
//   Reactivate/Revoke Terminated              the requester;  ReactivationCompleted
//   Decompose         Rejected/Revoked/Terminated → DeletionProposed (first party),
//                     DeletionProposed → ReadyForDeletion (second party); RelationshipStatusChanged
//                     unless ReadyForDeletion; the messages between the two are marked decomposed.
// Events go to the peer of the identity that made the change, in the same transaction.
// Every change of one relationship (and every message sent over it) is serialized by a per-
// relationship lock, creation by a per-pair lock, so "one live relationship per pair" holds on
// PostgreSQL (READ COMMITTED) as on SQLite.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_routes.h"
#include "api/caller.h"
#include "backbone_context.h"
#include "content/identity_status.h"
#include "storage/document_store.h"

namespace nmshd::backbone::content {

enum class RelationshipAction {
  kAccept,
  kReject,
  kRevoke,
  kTerminate,
  kRequestReactivation,
  kAcceptReactivation,
  kRejectReactivation,
  kRevokeReactivation,
  kDecompose,
};

// GET CanCreate?peer=: {canCreate, code}.
boost::json::object CanCreateRelationship(const BackboneContext& ctx, const Caller& caller,
                                          const std::optional<std::string>& peer,
                                          const IdentityStatusLookup& identities);
// POST {relationshipTemplateId, creationContent}: the metadata DTO of the new Pending relationship.
boost::json::object CreateRelationship(const BackboneContext& ctx, const Caller& caller,
                                       const boost::json::object& body,
                                       const IdentityStatusLookup& identities);
// GET {id}: metadata + creationContent + creationResponseContent; 400 relationshipAlreadyDecomposed
// for a party that decomposed it.
boost::json::object GetRelationship(const BackboneContext& ctx, const Caller& caller,
                                    std::string_view id);
// GET ?ids=…: paged full DTOs of the caller's relationships.
http::Response ListRelationships(const BackboneContext& ctx, const Caller& caller,
                                 const http::Request& request);
// PUT {id}/<action>: the metadata DTO after the change. `body` matters for Accept/Reject/Revoke
// (creationResponseContent; a missing member stores empty bytes as the official request default).
boost::json::object ChangeRelationship(const BackboneContext& ctx, const Caller& caller,
                                       std::string_view id, RelationshipAction action,
                                       const boost::json::object& body);

// The relationship the official Messages module sends over: the youngest one between a and b.
std::optional<boost::json::object> YoungestRelationship(storage::Transaction& tx,
                                                        std::string_view a, std::string_view b);
// Takes the per-relationship lock (see above).
void LockRelationship(storage::Transaction& tx, std::string_view relationship_id);

boost::json::object RelationshipMetadataDto(const boost::json::object& doc);
boost::json::object RelationshipDto(const boost::json::object& doc);

void RegisterRelationshipRoutes(ApiRoutes& routes, BackboneContext& ctx,
                                IdentityStatusLookup identities);

}  // namespace nmshd::backbone::content
