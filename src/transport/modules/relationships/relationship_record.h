#pragma once
// The stored relationship (collection "relationships", see relationship_channel.h for the storage
// contract) and its mapping to the runtime's RelationshipDTO (RelationshipMapper of
// @nmshd/runtime 7.0.0).
//
// Stored document: {id, templateId, status, peer, peerDeletionInfo?, peerIdentity{address,
// publicKey}, auditLog[…], creationContent, "_createdAt", "secrets"} — the DTO members at the top
// level so REST filters work on them, "_createdAt" (the Backbone's) to find the newest relationship
// with a peer, "secrets" sealed.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/relationship_request_secrets.h"
#include "crypto/relationship_secrets.h"
#include "transport/account/secret_box.h"
#include "transport/transmission/relationship_identity.h"

namespace nmshd::transport::relationship_record {

inline constexpr std::string_view kCollection = "relationships";

// "relationships/<id>/secrets"
std::string SecretsContext(std::string_view relationship_id);

// What "secrets" holds: the request secrets while our own request is pending, the full secrets
// once both sides exchanged keys.
struct Secrets {
  std::optional<crypto::RelationshipRequestSecrets> request;
  std::optional<crypto::RelationshipSecrets> full;
};
Secrets OpenSecrets(const SecretBox& box, const boost::json::object& record);
std::string SealRequestSecrets(const SecretBox& box, std::string_view relationship_id,
                               const crypto::RelationshipRequestSecrets& secrets);
std::string SealFullSecrets(const SecretBox& box, std::string_view relationship_id,
                            const crypto::RelationshipSecrets& secrets);

// The Backbone's audit log (RelationshipAuditLog.fromBackboneAuditLog): dates normalized,
// createdByDevice / oldStatus left out when null, ordered by createdAt (stable).
boost::json::array AuditLogFromBackbone(const boost::json::value& backbone_log);

// {"address", "publicKey": base64url of the identity key's JSON without "@type"}, as the DTO has it.
boost::json::object PeerIdentityJson(const PublicIdentity& identity);

// A new record from the Backbone's RelationshipMetadata (status and audit log taken from it).
boost::json::object NewRecord(const boost::json::object& backbone_relationship, const PublicIdentity& peer,
                              const boost::json::object& creation_content, std::string sealed_secrets);

// Status and audit log taken over from the Backbone's RelationshipMetadata.
void ApplyBackboneState(boost::json::object& record, const boost::json::object& backbone_relationship);

// The runtime's RelationshipDTO: {id, templateId, status, peer, peerDeletionInfo?, peerIdentity,
// auditLog, creationContent}.
boost::json::object ToDto(const boost::json::object& record);

// The app content as the DTO shows it (RelationshipMapper.toCreationContent): a
// RelationshipCreationContent or ArbitraryRelationshipCreationContent as is, anything else wrapped
// into an ArbitraryRelationshipCreationContent.
boost::json::object CreationContentForDto(const boost::json::object& content);

const boost::json::object* LastAuditLogEntry(const boost::json::object& record);
std::size_t AuditLogSize(const boost::json::object& record);

}  // namespace nmshd::transport::relationship_record
