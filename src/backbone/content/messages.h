#pragma once
// Messages (backbone-protocol §1.8; official Modules/Messages SendMessage/Validator.cs, Handler.cs,
// Message.cs, MessageDTO.cs and Synchronization MessageCreatedDomainEventHandler.cs).
//
// Send: recipients unique, 1..limits.maxNumberOfMessageRecipients, encryptedKey 30..300 bytes, body
// 1 B..maxContentBytes, attachments 0..20 FIL ids (existence not checked). For each recipient the
// youngest relationship with the sender must exist (…message.noRelationshipToRecipientExists) and
// be Active, Pending or Terminated (…relationshipToRecipientNotActive), and the recipient may hold
// at most 20 unreceived messages from the sender (…maxNumberOfUnreceivedMessagesReached).
// Each recipient gets MessageReceived {id} with the relationship as context, blocked while the
// relationship is Pending or Terminated.
// Read: GET {id} and GET ?ids= set receivedAt/receivedByDevice of the caller's recipient entry
// (once); a recipient sees only its own entry, the sender all of them (a recipient the sender
// decomposed from shows the anonymized address). Decomposing the relationship hides the messages
// from the decomposer; when both sides decomposed, the addresses are anonymized.
#include <boost/json.hpp>
#include <string_view>

#include "api/api_routes.h"
#include "api/caller.h"
#include "backbone_context.h"
#include "storage/document_store.h"

namespace nmshd::backbone::content {

inline constexpr int kMaxUnreceivedMessagesFromOneSender = 20;
inline constexpr std::size_t kMaxAttachments = 20;

// POST {recipients:[{address, encryptedKey}], body, attachments:[{id}]}: {id, createdAt}.
boost::json::object SendMessage(const BackboneContext& ctx, const Caller& caller,
                                const boost::json::object& body);
// GET {id}[?noBody=]: the MessageDTO for the caller. noBody is accepted and, as on the official
// server (GetMessageQuery.NoBody is never read), does not change the answer.
boost::json::object GetMessage(const BackboneContext& ctx, const Caller& caller,
                               std::string_view id, const std::optional<std::string>& no_body);
// GET [?ids=…]: the caller's messages (all of them without ids), paged.
http::Response ListMessages(const BackboneContext& ctx, const Caller& caller,
                            const http::Request& request);

// The Messages module's reaction to a decomposition by `initiator` of its relationship with `peer`
// (RelationshipStatusChangedDomainEventHandler → Message.DecomposeFor), inside that transaction.
void DecomposeMessages(storage::Transaction& tx, const BackboneContext& ctx,
                       std::string_view initiator, std::string_view peer);

void RegisterMessageRoutes(ApiRoutes& routes, BackboneContext& ctx);

}  // namespace nmshd::backbone::content
