#include "transport/modules/relationships/relationship_channel.h"

#include <algorithm>
#include <vector>

#include "base/coded_error.h"
#include "transport/modules/relationships/relationship_record.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;
namespace record_ns = relationship_record;

std::string StringOf(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<RelationshipChannel> ChannelOf(const SecretBox& box, const js::object& record) {
  auto secrets = record_ns::OpenSecrets(box, record);
  if (!secrets.full) return std::nullopt;
  return RelationshipChannel{StringOf(record, "id"), StringOf(record, "peer"), StringOf(record, "status"),
                             std::move(*secrets.full)};
}

}  // namespace

std::optional<RelationshipChannel> LoadRelationshipChannel(storage::Transaction& tx, const SecretBox& box,
                                                           const std::string& relationship_id) {
  const auto record = tx.Get(record_ns::kCollection, relationship_id);
  if (!record) return std::nullopt;
  return ChannelOf(box, *record);
}

std::optional<RelationshipChannel> FindRelationshipChannelWithPeer(storage::Transaction& tx, const SecretBox& box,
                                                                   const std::string& peer) {
  storage::Query query;
  query.Where(storage::Condition::Equals("peer", js::value(peer)));
  std::optional<RelationshipChannel> channel;
  const auto records = tx.Find(record_ns::kCollection, query);
  // Newest first by the Backbone's creation time (getRelationshipToIdentity); a relationship
  // without full secrets (our own pending request) carries no channel.
  std::vector<const js::object*> ordered;
  for (const auto& doc : records) ordered.push_back(&doc.body);
  std::stable_sort(ordered.begin(), ordered.end(), [](const js::object* a, const js::object* b) {
    return StringOf(*a, "_createdAt") > StringOf(*b, "_createdAt");
  });
  for (const auto* record : ordered) {
    channel = ChannelOf(box, *record);
    if (channel) break;
  }
  return channel;
}

void StoreRelationshipChannelSecrets(storage::Transaction& tx, const SecretBox& box,
                                     const std::string& relationship_id, const crypto::RelationshipSecrets& secrets) {
  auto record = tx.Get(record_ns::kCollection, relationship_id);
  if (!record) {
    throw CodedError("error.transport.recordNotFound", "'Relationship' not found.");
  }
  (*record)["secrets"] = record_ns::SealFullSecrets(box, relationship_id, secrets);
  tx.Replace(record_ns::kCollection, relationship_id, *record);
}

std::size_t SkipTransmitCountersAhead(storage::Transaction& tx, const SecretBox& box, std::uint32_t count) {
  std::size_t moved = 0;
  for (const auto& doc : tx.Find(record_ns::kCollection, storage::Query())) {
    auto channel = ChannelOf(box, doc.body);
    if (!channel) continue;
    channel->secrets.SkipTransmitCounterAhead(count);
    StoreRelationshipChannelSecrets(tx, box, doc.id, channel->secrets);
    ++moved;
  }
  return moved;
}

}  // namespace nmshd::transport
