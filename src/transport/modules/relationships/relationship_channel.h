#pragma once
// The secrets a relationship gives its two ends for messages: what the messages module needs from
// the relationships module, and nothing more.
//
// Storage contract (owned by the relationships module, relationships.cpp):
//   collection "relationships", document id = the Backbone id (REL…), public members in the shape of
//   the runtime's RelationshipDTO (id, templateId, status, peer, peerIdentity, creationContent,
//   auditLog, …) plus "secrets": SecretBox-sealed under context "relationships/<id>/secrets"
//   holding {"relationshipSecrets": <crypto::RelationshipSecrets JSON>} once both sides have
//   exchanged keys, or {"requestSecrets": <crypto::RelationshipRequestSecrets JSON>} while our own
//   request is pending.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/relationship_secrets.h"
#include "storage/document_store.h"
#include "transport/account/secret_box.h"

namespace nmshd::transport {

struct RelationshipChannel {
  std::string relationship_id;
  std::string peer;    // address
  std::string status;  // Pending, Active, Rejected, Revoked, Terminated, DeletionProposed
  crypto::RelationshipSecrets secrets;
};

// The relationship with `relationship_id` if it has full secrets.
std::optional<RelationshipChannel> LoadRelationshipChannel(storage::Transaction& tx, const SecretBox& box,
                                                           const std::string& relationship_id);
// The newest relationship with `peer` that has full secrets (any status; the caller decides
// whether the status allows sending).
std::optional<RelationshipChannel> FindRelationshipChannelWithPeer(storage::Transaction& tx, const SecretBox& box,
                                                                   const std::string& peer);
// Persists secrets whose transmit counter advanced (after sealing a message), in the caller's
// transaction, so a crash can never reuse a counter value.
void StoreRelationshipChannelSecrets(storage::Transaction& tx, const SecretBox& box,
                                     const std::string& relationship_id, const crypto::RelationshipSecrets& secrets);

// How far SkipTransmitCountersAhead moves every counter: more messages than one connector sends to
// one peer between a backup and its loss, and still 4095 such skips before the 2^32 limit.
inline constexpr std::uint32_t kRestoredCounterSkip = 1u << 20;

// For a database restored from an older state (restore, or a start that accepts a stale database):
// moves the transmit counter of every relationship with full secrets `count` values ahead, so no
// nonce the lost newer state used is used again under the same key. Returns how many relationships
// were moved. Runs in the caller's transaction.
std::size_t SkipTransmitCountersAhead(storage::Transaction& tx, const SecretBox& box,
                                      std::uint32_t count = kRestoredCounterSkip);

}  // namespace nmshd::transport
