#include "app/peer_relationships.h"

#include "sync/external_events.h"

#if __has_include("content/content_store.h")
#include "content/content_store.h"
#define NMSHD_BACKBONE_HAS_RELATIONSHIPS 1
#endif

namespace nmshd::backbone {

#ifdef NMSHD_BACKBONE_HAS_RELATIONSHIPS

namespace {

namespace json = boost::json;
using storage::Condition;
using storage::Query;

bool NotifiesPeers(const json::object& relationship) {
  const auto& status = relationship.at("status").as_string();
  return status == "Pending" || status == "Active" || status == "Terminated";
}

// (relationship id, peer address) of every relationship of `address` whose peer is to be told.
std::vector<std::pair<std::string, std::string>> PeersOf(storage::Transaction& tx, std::string_view address) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* side : {"from", "to"}) {
    const char* other = std::string_view(side) == "from" ? "to" : "from";
    for (const auto& doc : tx.Find(content::kRelationships,
                                   Query().Where(Condition::Equals(side, json::string(address)).ScalarOnly()))) {
      if (NotifiesPeers(doc.body)) out.emplace_back(doc.id, std::string(doc.body.at(other).as_string()));
    }
  }
  return out;
}

}  // namespace

identities::IdentityDeletionObserver PeerDeletionNotifier() {
  identities::IdentityDeletionObserver observer;
  observer.on_to_be_deleted = [](storage::Transaction& tx, const BackboneContext& ctx, std::string_view address,
                                 TimePoint grace_period_ends_at) {
    for (const auto& [relationship_id, peer] : PeersOf(tx, address)) {
      AppendExternalEvent(tx, ctx,
                          NewExternalEvent{peer, "PeerToBeDeleted",
                                           json::object{{"relationshipId", relationship_id},
                                                        {"deletionDate", FormatIsoUtc(grace_period_ends_at)}},
                                           std::nullopt, false});
    }
  };
  observer.on_deletion_cancelled = [](storage::Transaction& tx, const BackboneContext& ctx, std::string_view address) {
    for (const auto& [relationship_id, peer] : PeersOf(tx, address)) {
      AppendExternalEvent(tx, ctx,
                          NewExternalEvent{peer, "PeerDeletionCancelled", json::object{{"relationshipId", relationship_id}},
                                           std::nullopt, false});
    }
  };
  return observer;
}

misc::RecipientsWithoutRelationship NotificationRelationshipCheck() {
  return [](storage::Transaction& tx, const std::string& sender, const std::vector<std::string>& recipients) {
    std::vector<std::string> missing;
    for (const auto& recipient : recipients) {
      auto docs = tx.Find(content::kRelationships,
                          Query()
                              .Where(Condition::Equals("pairKey", json::string(content::PairKey(sender, recipient))).ScalarOnly())
                              .OrderBy("createdAt", storage::SortDirection::kDescending)
                              .Limit(1));
      if (docs.empty() || !NotifiesPeers(docs.front().body)) missing.push_back(recipient);
    }
    return missing;
  };
}

#else

identities::IdentityDeletionObserver PeerDeletionNotifier() { return {}; }
misc::RecipientsWithoutRelationship NotificationRelationshipCheck() { return {}; }

#endif

}  // namespace nmshd::backbone
