#include "consumption/attributes/peer_relationships.h"

#include "transport/modules/relationships/relationship_record.h"

namespace nmshd::consumption::peer_relationships {
namespace {

namespace js = boost::json;

std::string StringAt(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

std::optional<js::object> ById(storage::Transaction& tx, std::string_view relationship_id) {
  return tx.Get(transport::relationship_record::kCollection, relationship_id);
}

std::optional<js::object> ToPeer(storage::Transaction& tx, std::string_view peer) {
  storage::Query query;
  query.Where(storage::Condition::Equals("peer", js::string(peer)));
  std::optional<js::object> newest;
  for (auto& doc : tx.Find(transport::relationship_record::kCollection, query)) {
    // reduce((prev, cur) => prev.createdAt > cur.createdAt ? prev : cur): ties go to the later one.
    if (!newest || !(StringAt(*newest, "_createdAt") > StringAt(doc.body, "_createdAt"))) newest = std::move(doc.body);
  }
  return newest;
}

std::string StatusOf(const js::object& relationship) { return StringAt(relationship, "status"); }

std::string PeerOf(const js::object& relationship) { return StringAt(relationship, "peer"); }

bool PeerIsDeleted(const js::object& relationship) {
  const auto* info = relationship.if_contains("peerDeletionInfo");
  return info != nullptr && info->is_object() && StringAt(info->get_object(), "deletionStatus") == "Deleted";
}

std::string LastAuditLogDate(const js::object& relationship) {
  const auto* entry = transport::relationship_record::LastAuditLogEntry(relationship);
  return entry != nullptr ? StringAt(*entry, "createdAt") : std::string();
}

bool CanNotifyOver(const js::object& relationship) {
  const auto status = StatusOf(relationship);
  return !PeerIsDeleted(relationship) && (status == "Pending" || status == "Active" || status == "Terminated");
}

}  // namespace nmshd::consumption::peer_relationships
