#include "sync/external_events.h"

#include <set>

#include "core/backbone_ids.h"
#include "sync/sync_store.h"

namespace nmshd::backbone {

namespace json = boost::json;
using storage::Condition;
using storage::Query;

namespace {

void NotifyAfterCommit(storage::Transaction& tx, const BackboneContext& ctx, const std::string& owner) {
  tx.AfterCommit([notifier = ctx.external_events, owner] {
    if (notifier) notifier->Notify(owner);
  });
}

}  // namespace

std::string AppendExternalEvent(storage::Transaction& tx, const BackboneContext& ctx, const NewExternalEvent& event) {
  const auto index = tx.NextSequenceValue("externalEventIndex:" + event.owner);
  const auto id = core::GenerateBackboneId(core::backbone_ids::kExternalEvent);
  tx.Insert(sync::kExternalEvents, id,
            json::object{{"id", id},
                         {"owner", event.owner},
                         {"type", event.type},
                         {"index", index},
                         {"createdAt", FormatIsoUtc(ctx.now())},
                         {"payload", event.payload},
                         {"syncErrorCount", 0},
                         {"syncRunId", nullptr},
                         {"context", event.context ? json::value(*event.context) : json::value(nullptr)},
                         {"isDeliveryBlocked", event.delivery_blocked},
                         {"errors", json::array{}}});
  tx.AfterCommit([activity = ctx.sync_activity] {
    if (activity) ++activity->events_created;
  });
  // Blocked events are not handed out by sync runs yet, so there is nothing to fetch for now.
  if (!event.delivery_blocked) NotifyAfterCommit(tx, ctx, event.owner);
  return id;
}

namespace {

std::vector<storage::Document> BlockedEventsOf(storage::Transaction& tx, std::string_view relationship_id) {
  return tx.Find(sync::kExternalEvents,
                 Query()
                     .Where(Condition::Equals("context", json::string(relationship_id)).ScalarOnly())
                     .Where(Condition::Equals("isDeliveryBlocked", true).ScalarOnly()));
}

}  // namespace

void UnblockExternalEvents(storage::Transaction& tx, const BackboneContext& ctx, std::string_view relationship_id) {
  std::set<std::string> owners;
  for (auto& doc : BlockedEventsOf(tx, relationship_id)) {
    doc.body["isDeliveryBlocked"] = false;
    tx.Replace(sync::kExternalEvents, doc.id, doc.body);
    if (const auto* owner = doc.body.if_contains("owner"); owner != nullptr && owner->is_string()) {
      owners.emplace(owner->get_string());
    }
  }
  for (const auto& owner : owners) NotifyAfterCommit(tx, ctx, owner);
}

void DeleteBlockedExternalEvents(storage::Transaction& tx, std::string_view relationship_id) {
  for (const auto& doc : BlockedEventsOf(tx, relationship_id)) tx.Delete(sync::kExternalEvents, doc.id);
}

}  // namespace nmshd::backbone
