#pragma once
// What the attribute rules need to know about relationships, read from the transport layer's
// stored records (collection "relationships": id, status, peer, peerDeletionInfo, auditLog,
// "_createdAt"), in the caller's transaction.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "storage/document_store.h"

namespace nmshd::consumption::peer_relationships {

// getRelationship: the record with that id.
std::optional<boost::json::object> ById(storage::Transaction& tx, std::string_view relationship_id);
// getRelationshipToIdentity: the newest relationship with the peer (by the Backbone's createdAt).
std::optional<boost::json::object> ToPeer(storage::Transaction& tx, std::string_view peer);

std::string StatusOf(const boost::json::object& relationship);
std::string PeerOf(const boost::json::object& relationship);
// The peer was deleted (peerDeletionInfo.deletionStatus "Deleted").
bool PeerIsDeleted(const boost::json::object& relationship);
// The createdAt of the last audit log entry ("" without one).
std::string LastAuditLogDate(const boost::json::object& relationship);

// DeleteAttributeAndNotify: a relationship the peer can be notified over — Pending, Active or
// Terminated, and the peer not deleted.
bool CanNotifyOver(const boost::json::object& relationship);

}  // namespace nmshd::consumption::peer_relationships
