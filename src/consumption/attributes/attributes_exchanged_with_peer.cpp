// AttributesController: what was exchanged with a peer — the attributes forwarded to it (by their
// forwarding details), the records held with it (their `peer`), and the versions of an attribute
// it holds.
#include <set>

#include "consumption/attributes/attributes_controller.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

}  // namespace

void AttributesController::HideTechnical(storage::Filter& filter) {
  // {$or: [{content.@type: IdentityAttribute}, {content.@type: RelationshipAttribute,
  // content.isTechnical: false}]}: a RelationshipAttribute always stores isTechnical, an
  // IdentityAttribute never, so "isTechnical is not true" is the same set.
  filter.Where(Condition::NotEquals("content.isTechnical", true));
}

std::vector<LocalAttribute> AttributesController::AttributesForwardedToPeer(storage::Transaction& tx,
                                                                            std::string_view peer,
                                                                            storage::Filter filter,
                                                                            bool hide_technical,
                                                                            bool only_latest) const {
  std::set<std::string> ids;
  storage::Query details;
  details.Where(Condition::Equals("peer", js::string(peer)));
  for (const auto& d : tx.Find(kForwardingDetailsCollection, details)) {
    ids.insert(AttributeForwardingDetails::FromDocument(d.body).attribute_id);
  }
  if (ids.empty()) return {};
  filter.Where(Condition::In("id", std::vector<js::value>(ids.begin(), ids.end())));
  if (hide_technical) HideTechnical(filter);
  auto attributes = Find(tx, filter);
  if (!only_latest) return attributes;
  std::vector<LocalAttribute> latest;
  for (auto& attribute : attributes) {
    if (SuccessorsSharedWithPeer(tx, attribute, peer, false).empty()) latest.push_back(std::move(attribute));
  }
  return latest;
}

std::vector<LocalAttribute> AttributesController::AttributesWithPeer(storage::Transaction& tx, std::string_view peer,
                                                                     storage::Filter filter, bool hide_technical,
                                                                     bool only_latest) const {
  filter.Where(Condition::Equals("peer", js::string(peer)));
  if (hide_technical) HideTechnical(filter);
  auto attributes = Find(tx, filter);
  if (!only_latest) return attributes;
  std::vector<LocalAttribute> latest;
  for (auto& attribute : attributes) {
    if (Successors(tx, attribute).empty()) latest.push_back(std::move(attribute));
  }
  return latest;
}

std::vector<LocalAttribute> AttributesController::AttributesExchangedWithPeer(storage::Transaction& tx,
                                                                              std::string_view peer,
                                                                              const storage::Filter& filter,
                                                                              bool hide_technical,
                                                                              bool only_latest) const {
  auto out = AttributesForwardedToPeer(tx, peer, filter, hide_technical, only_latest);
  for (auto& a : AttributesWithPeer(tx, peer, filter, hide_technical, only_latest)) out.push_back(std::move(a));
  return out;
}

std::vector<LocalAttribute> AttributesController::PredecessorsSharedWithPeer(storage::Transaction& tx,
                                                                             const LocalAttribute& attribute,
                                                                             std::string_view peer,
                                                                             bool exclude_to_be_deleted) const {
  std::vector<LocalAttribute> out;
  for (auto& predecessor : Predecessors(tx, attribute)) {
    if (IsForwardedToPeer(tx, predecessor, peer, exclude_to_be_deleted)) out.push_back(std::move(predecessor));
  }
  return out;
}

std::vector<LocalAttribute> AttributesController::SuccessorsSharedWithPeer(storage::Transaction& tx,
                                                                           const LocalAttribute& attribute,
                                                                           std::string_view peer,
                                                                           bool exclude_to_be_deleted) const {
  std::vector<LocalAttribute> out;
  for (auto& successor : Successors(tx, attribute)) {
    if (IsForwardedToPeer(tx, successor, peer, exclude_to_be_deleted)) out.push_back(std::move(successor));
  }
  return out;
}

std::vector<LocalAttribute> AttributesController::VersionsSharedWithPeer(storage::Transaction& tx,
                                                                         const LocalAttribute& attribute,
                                                                         std::string_view peer, bool only_latest,
                                                                         bool exclude_to_be_deleted) const {
  auto versions = SuccessorsSharedWithPeer(tx, attribute, peer, exclude_to_be_deleted);
  std::reverse(versions.begin(), versions.end());
  if (IsForwardedToPeer(tx, attribute, peer, exclude_to_be_deleted)) versions.push_back(attribute);
  for (auto& p : PredecessorsSharedWithPeer(tx, attribute, peer, exclude_to_be_deleted)) versions.push_back(std::move(p));
  if (only_latest && versions.size() > 1) versions.resize(1);
  return versions;
}

}  // namespace nmshd::consumption
