#pragma once
// Where the content modules keep their state: one collection per entity, documents keyed by the
// entity id, byte fields as base64url strings (their wire form), dates as ISO strings
// "yyyy-MM-ddTHH:mm:ss.fffZ" (which sort chronologically as text).
//
// relationshipTemplates           RLT… {id, createdBy, createdByDevice, maxNumberOfAllocations,
//                                       expiresAt, content, createdAt, forIdentity, password}
// relationshipTemplateAllocations "<RLT>|<address>" {relationshipTemplateId, allocatedBy,
//                                       allocatedByDevice, allocatedAt}
// tokens                          TOK… {id, createdBy, createdByDevice, forIdentity, createdAt,
//                                       expiresAt, content, password, accessFailedCount}
// tokenAllocations                "<TOK>|<address>" {tokenId, allocatedBy, allocatedByDevice,
//                                       allocatedAt}
// relationships                   REL… {id, relationshipTemplateId, from, to, createdAt, status,
//                                       auditLog[], creationContent, creationResponseContent,
//                                       fromHasDecomposed, toHasDecomposed, pairKey}
// messages                        MSG… {id, createdAt, createdBy, createdByDevice, body,
//                                       attachments[], recipients[], recipientAddresses[],
//                                       unreceivedBy[], visibleTo[]}
// counter "unreceivedMessages:<sender>|<recipient>" (storage AddToCounter): how many messages of
//                                       the sender that recipient has not fetched yet (the
//                                       unreceived quota); schema version 1 replaced the
//                                       pendingReceipts documents, one per such message
// files                           FIL… metadata (FileMetadataDTO members + ownershipToken)
// fileContents                    FIL… {content}: the uploaded cipher bytes (base64url)
//
// File contents live in the database, not in a blob folder: creating or deleting a file is then
// one transaction on both backends (PostgreSQL has no folder "next to" it), backups cover
// everything, and the 10 MiB limit keeps the documents moderate.
//
// Lookups that must be fast use indexed scalar fields (storage README: indexes serve only
// Condition::ScalarOnly()); arrays (recipientAddresses, unreceivedBy, visibleTo) are flat address
// lists because queries cannot reach into arrays of objects.
#include <string>
#include <string_view>

#include "storage/document_store.h"

namespace nmshd::backbone::content {

inline constexpr std::string_view kTemplates = "relationshipTemplates";
inline constexpr std::string_view kTemplateAllocations = "relationshipTemplateAllocations";
inline constexpr std::string_view kTokens = "tokens";
inline constexpr std::string_view kTokenAllocations = "tokenAllocations";
inline constexpr std::string_view kRelationships = "relationships";
inline constexpr std::string_view kMessages = "messages";
// Schema version 0 only: one document per message and recipient that had not fetched it, ids
// "<MSG>|<sender>|<recipient>", {pair: "<sender>|<recipient>", messageId}; migrated to counters.
inline constexpr std::string_view kPendingReceipts = "pendingReceipts";
inline constexpr std::string_view kFiles = "files";
inline constexpr std::string_view kFileContents = "fileContents";

// Creates the indexes of all content collections (idempotent; call once at startup).
void EnsureContentIndexes(storage::Database& db);

// Id of an allocation document: "<entity id>|<address>".
std::string AllocationId(std::string_view entity_id, std::string_view address);
// The unordered pair of two addresses, one value for both directions.
std::string PairKey(std::string_view a, std::string_view b);
// The counter of the messages `sender` sent that `recipient` has not fetched yet.
std::string UnreceivedMessagesCounter(std::string_view sender, std::string_view recipient);

// Schema migration 1: the pendingReceipts documents become one counter per sender and recipient.
void CountPendingReceipts(storage::Transaction& tx);

}  // namespace nmshd::backbone::content
