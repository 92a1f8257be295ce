#pragma once
// External events: how one identity learns what others did (backbone-protocol §1.10). Modules
// append them INSIDE the transaction of the change that causes them, so a committed change always
// has its event and a rolled-back one never does. Once that transaction commits, the owner's
// listeners (ctx.external_events: open SSE streams) are told that a deliverable event exists. Each owner has its own index, 0, 1, 2, … without
// gaps (storage sequence "externalEventIndex:<owner>").
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "backbone_context.h"
#include "storage/document_store.h"

namespace nmshd::backbone {

struct NewExternalEvent {
  std::string owner;                    // the identity address that receives it
  std::string type;                     // "MessageReceived", "RelationshipStatusChanged", …
  boost::json::object payload;          // camelCase, as the official server emits it
  std::optional<std::string> context;   // relationship id the event belongs to, if any
  bool delivery_blocked = false;        // MessageReceived while the relationship is Pending/Terminated
};

// Returns the event id (SYI…).
std::string AppendExternalEvent(storage::Transaction& tx, const BackboneContext& ctx,
                                const NewExternalEvent& event);
// Relationship became Active: blocked events of `relationship_id` become deliverable (and their
// owners' listeners are notified after the commit).
void UnblockExternalEvents(storage::Transaction& tx, const BackboneContext& ctx, std::string_view relationship_id);
// Relationship Rejected/Revoked: blocked events of `relationship_id` are dropped.
void DeleteBlockedExternalEvents(storage::Transaction& tx, std::string_view relationship_id);

}  // namespace nmshd::backbone
