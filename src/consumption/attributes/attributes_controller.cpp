#include "consumption/attributes/attributes_controller.h"

#include <algorithm>
#include <set>

#include "consumption/attributes/attribute_errors.h"
#include "consumption/attributes/attribute_tag_check.h"
#include "consumption/attributes/attribute_trimming.h"
#include "consumption/attributes/attribute_value_key.h"
#include "consumption/attributes/json_deep_equal.h"
#include "content/character_whitelist.h"
#include "core/core_date.h"
#include "core/core_id.h"
#include "storage/document_store.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

constexpr std::string_view kAttributeCreated = "consumption.attributeCreated";
constexpr std::string_view kAttributeSucceeded = "consumption.attributeSucceeded";
constexpr std::string_view kAttributeDeleted = "consumption.attributeDeleted";

// EmittedAttributeDeletionStatus values that end a forwarding.
constexpr std::string_view kDeletedByRecipient = "DeletedByRecipient";
constexpr std::string_view kToBeDeletedByRecipient = "ToBeDeletedByRecipient";

std::int64_t NextOrder(storage::Transaction& tx) { return tx.NextSequenceValue("attributes.order"); }

std::string ValueTypeOf(const js::object& content) {
  const auto* value = content.if_contains("value");
  const auto* type = value != nullptr && value->is_object() ? value->get_object().if_contains("@type") : nullptr;
  return type != nullptr && type->is_string() ? std::string(type->get_string()) : std::string();
}

}  // namespace

std::string AttributesController::GenerateId() {
  static const core::CoreIdFormat kFormat("ATT");
  return kFormat.Generate();
}

std::optional<LocalAttribute> AttributesController::Get(storage::Transaction& tx, std::string_view id) const {
  auto document = tx.Get(kCollection, id);
  if (!document) return std::nullopt;
  return LocalAttribute::FromDocument(*document);
}

std::vector<LocalAttribute> AttributesController::Find(storage::Transaction& tx, const storage::Filter& filter) const {
  // Sorted here rather than by the database: SQLite would extract both sort fields from every
  // row's JSON text (a third of a large query's time). The order is the storage layer's for
  // OrderBy("createdAt").OrderBy("_order"): every record has a string createdAt (FromDocument
  // requires it), "_order" missing before any number, then the id.
  storage::Query query;
  query.filter = filter;
  auto documents = tx.Find(kCollection, query);
  std::vector<LocalAttribute> out;
  out.reserve(documents.size());
  for (auto& document : documents) out.push_back(LocalAttribute::FromDocument(std::move(document.body)));
  std::sort(out.begin(), out.end(), [](const LocalAttribute& a, const LocalAttribute& b) {
    if (a.created_at != b.created_at) return a.created_at < b.created_at;
    if (a.order != b.order) return a.order < b.order;  // nullopt sorts first
    return a.id < b.id;
  });
  return out;
}

std::uint64_t AttributesController::NumberOfForwards(storage::Transaction& tx, const LocalAttribute& attribute) const {
  if (!attribute.CountsForwards()) return 0;
  return tx.Count(kForwardingDetailsCollection,
                  storage::Filter{}.Where(Condition::Equals("attributeId", js::string(attribute.id)).ScalarOnly()));
}

js::object AttributesController::Dto(storage::Transaction& tx, const LocalAttribute& attribute) const {
  return attribute.ToDto(NumberOfForwards(tx, attribute));
}

js::array AttributesController::Dtos(storage::Transaction& tx, const std::vector<LocalAttribute>& attributes) const {
  return Dtos(tx, std::vector<LocalAttribute>(attributes));
}

js::array AttributesController::Dtos(storage::Transaction& tx, std::vector<LocalAttribute>&& attributes) const {
  // One indexed query per chunk of attributes instead of one count per attribute.
  std::vector<std::string> counted;
  for (const auto& a : attributes) {
    if (a.CountsForwards()) counted.push_back(a.id);
  }
  const auto forwards = ForwardsPerAttribute(tx, counted);
  js::array out;
  out.reserve(attributes.size());
  for (auto& a : attributes) {
    const auto it = forwards.find(a.id);
    out.push_back(std::move(a).TakeDto(it == forwards.end() ? 0 : it->second));
  }
  return out;
}

std::unordered_map<std::string, std::uint64_t> AttributesController::ForwardsPerAttribute(
    storage::Transaction& tx, const std::vector<std::string>& attribute_ids) const {
  // Chunks of a fixed size (the last padded with its own last id) keep the SQL text, and so the
  // connection's prepared-statement cache, to one shape.
  constexpr std::size_t kChunk = 128;
  std::unordered_map<std::string, std::uint64_t> out;
  for (std::size_t begin = 0; begin < attribute_ids.size(); begin += kChunk) {
    const std::size_t end = std::min(begin + kChunk, attribute_ids.size());
    std::vector<js::value> ids;
    ids.reserve(kChunk);
    for (std::size_t i = begin; i < end; ++i) ids.emplace_back(js::string(attribute_ids[i]));
    while (ids.size() < kChunk) ids.push_back(ids.back());
    const auto details = tx.Find(kForwardingDetailsCollection,
                                 storage::Query{}.Where(Condition::In("attributeId", std::move(ids)).ScalarOnly()));
    for (const auto& d : details) {
      const auto* id = d.body.if_contains("attributeId");
      if (id != nullptr && id->is_string()) ++out[std::string(id->get_string())];
    }
  }
  return out;
}

void AttributesController::EnsureIndexes(storage::Database& db) {
  // The IQL pre-filter by value type (iql_use_cases.cpp).
  db.EnsureIndex(kCollection, storage::IndexSpec{"kindValueType", {"@type", "content.value.@type"}, false});
  // The duplicate check on create: records with the same value key (attribute_value_key.h).
  db.EnsureIndex(kCollection, storage::IndexSpec{"kindValueKey", {"@type", std::string(LocalAttribute::kValueKeyField)},
                                                 false});
  // IdentityAttributeQuery and GET /Attributes?content.value.@type=… (value type, owner).
  db.EnsureIndex(kCollection, storage::IndexSpec{"valueTypeOwner", {"content.value.@type", "content.owner"}, false});
  db.EnsureIndex(kCollection, storage::IndexSpec{"peer", {"peer"}, false});
  // numberOfForwards and every forwarding lookup of one attribute.
  db.EnsureIndex(kForwardingDetailsCollection, storage::IndexSpec{"attributeId", {"attributeId"}, false});

  // Identity attribute records written before the value key existed get it now, so the duplicate
  // check, which looks records up by key, sees them too. Once per database: the marker written with
  // the keys spares later starts a pass over every identity attribute (new records get their key
  // when written; a restored older backup has no marker and gets the pass again).
  db.WithTransaction([](storage::Transaction& tx) {
    if (tx.Get(kMigrationsCollection, kValueKeysMigration)) return;
    storage::Filter filter;
    filter.Where(Condition::Equals("content.@type", js::string("IdentityAttribute")).ScalarOnly());
    filter.Where(Condition::NotExists(LocalAttribute::kValueKeyField));
    for (auto& document : tx.Find(kCollection, storage::Query{filter, {}, {}, 0})) {
      const auto* content = document.body.if_contains("content");
      const auto* value = content != nullptr && content->is_object() ? content->get_object().if_contains("value") : nullptr;
      if (value == nullptr) continue;
      document.body[LocalAttribute::kValueKeyField] = AttributeValueKey(*value);
      tx.Replace(kCollection, document.id, document.body);
    }
    tx.Insert(kMigrationsCollection, kValueKeysMigration, js::object{{"doneAt", core::CoreDate::Now().ToString()}});
  });
}

std::optional<LocalAttribute> AttributesController::OwnIdentityAttributeWithSameValue(storage::Transaction& tx,
                                                                                      const js::value& value) const {
  const js::value trimmed = TrimValueJson(value);
  // Only records with the same value key can deep-equal (attribute_value_key.h); the index
  // "kindValueKey" finds them. Scalar-only: both fields are strings in every record.
  storage::Filter filter;
  filter.Where(Condition::Equals("@type", js::string("OwnIdentityAttribute")).ScalarOnly());
  filter.Where(Condition::Equals(LocalAttribute::kValueKeyField, js::string(AttributeValueKey(trimmed))).ScalarOnly());
  filter.Where(Condition::NotExists("succeededBy"));
  for (auto& candidate : Find(tx, filter)) {
    if (JsonDeepEqual(candidate.content.at("value"), trimmed)) return candidate;
  }
  return std::nullopt;
}

content::IdentityAttribute AttributesController::PrepareOwnIdentityAttribute(
    const content::IdentityAttribute& attribute) const {
  auto trimmed = TrimIdentityAttribute(attribute);
  if (trimmed.owner != ctx_.self_address) {
    throw attribute_errors::WrongOwnerOfAttribute(
        "When creating an OwnIdentityAttribute, the owner must match the own address.");
  }
  if (!content::HasOnlyWhitelistedStrings(trimmed.value.json(), false)) {
    throw attribute_errors::ForbiddenCharactersInAttribute("The Attribute contains forbidden characters.");
  }
  if (trimmed.tags && !trimmed.tags->empty()) CheckAttributeTags(ctx_, *trimmed.tags, trimmed.value.type().name);
  return trimmed;
}

LocalAttribute AttributesController::InsertOwnIdentityAttribute(storage::Transaction& tx,
                                                                const content::IdentityAttribute& prepared,
                                                                transport::PendingEvents& events) const {
  LocalAttribute attribute;
  attribute.type = LocalAttributeType::kOwnIdentity;
  attribute.id = GenerateId();
  attribute.content = prepared.ToJson();
  attribute.created_at = core::CoreDate::Now().ToString();
  attribute.order = NextOrder(tx);
  tx.Insert(kCollection, attribute.id, attribute.ToDocument());
  events.Add(std::string(kAttributeCreated), attribute.ToDto(0));
  return attribute;
}

void AttributesController::ValidateOwnIdentityAttributeSuccession(storage::Transaction& tx,
                                                                  const LocalAttribute& predecessor,
                                                                  const content::IdentityAttribute& successor) const {
  (void)tx;  // the official check that the new id is unused cannot fail for a fresh random id
  if (predecessor.succeeded_by) {
    throw attribute_errors::CannotSucceedAttributesWithASuccessor(*predecessor.succeeded_by);
  }
  const js::object successor_content = successor.ToJson();
  if (JsonDeepEqual(successor_content, predecessor.content)) throw attribute_errors::SuccessionMustChangeContent();
  const auto* owner = predecessor.content.if_contains("owner");
  if (owner == nullptr || !owner->is_string() || owner->get_string() != successor.owner) {
    throw attribute_errors::SuccessionMustNotChangeOwner();
  }
  if (!predecessor.IsIdentityAttribute()) throw attribute_errors::SuccessionMustNotChangeContentType();
  if (ValueTypeOf(predecessor.content) != successor.value.type().name) {
    throw attribute_errors::SuccessionMustNotChangeValueType();
  }
  if (!content::HasOnlyWhitelistedStrings(successor.value.json(), false)) {
    throw attribute_errors::ForbiddenCharactersInAttribute("The successor contains forbidden characters.");
  }
}

std::pair<LocalAttribute, LocalAttribute> AttributesController::SucceedOwnIdentityAttribute(
    storage::Transaction& tx, LocalAttribute predecessor, const content::IdentityAttribute& successor_content,
    transport::PendingEvents& events) const {
  const auto trimmed = TrimIdentityAttribute(successor_content);
  LocalAttribute successor;
  successor.type = LocalAttributeType::kOwnIdentity;
  successor.id = GenerateId();
  successor.content = trimmed.ToJson();
  successor.created_at = core::CoreDate::Now().ToString();
  successor.succeeds = predecessor.id;
  successor.is_default = predecessor.is_default;
  successor.order = NextOrder(tx);
  tx.Insert(kCollection, successor.id, successor.ToDocument());
  predecessor.succeeded_by = successor.id;
  predecessor.is_default.reset();  // removeDefault
  tx.Replace(kCollection, predecessor.id, predecessor.ToDocument());
  events.Add(std::string(kAttributeSucceeded),
             js::object{{"predecessor", Dto(tx, predecessor)}, {"successor", successor.ToDto(0)}});
  return {std::move(predecessor), std::move(successor)};
}

std::vector<LocalAttribute> AttributesController::Predecessors(storage::Transaction& tx,
                                                               const LocalAttribute& attribute) const {
  std::vector<LocalAttribute> out;
  std::set<std::string> seen{attribute.id};
  const LocalAttribute* current = &attribute;
  while (current->succeeds) {
    auto predecessor = Get(tx, *current->succeeds);
    if (!predecessor) throw attribute_errors::RecordNotFound();
    if (!seen.insert(predecessor->id).second) break;  // a broken chain must not loop forever
    out.push_back(std::move(*predecessor));
    current = &out.back();
  }
  return out;
}

std::vector<LocalAttribute> AttributesController::Successors(storage::Transaction& tx,
                                                             const LocalAttribute& attribute) const {
  std::vector<LocalAttribute> out;
  std::set<std::string> seen{attribute.id};
  const LocalAttribute* current = &attribute;
  while (current->succeeded_by) {
    auto successor = Get(tx, *current->succeeded_by);
    if (!successor) throw attribute_errors::RecordNotFound();
    if (!seen.insert(successor->id).second) break;
    out.push_back(std::move(*successor));
    current = &out.back();
  }
  return out;
}

std::vector<LocalAttribute> AttributesController::Versions(storage::Transaction& tx,
                                                           const LocalAttribute& attribute) const {
  auto successors = Successors(tx, attribute);
  std::reverse(successors.begin(), successors.end());
  successors.push_back(attribute);
  for (auto& p : Predecessors(tx, attribute)) successors.push_back(std::move(p));
  return successors;
}

void AttributesController::ValidateFullDeletion(storage::Transaction& tx, const LocalAttribute& attribute) const {
  if (attribute.succeeded_by && !Get(tx, *attribute.succeeded_by)) throw attribute_errors::SuccessorDoesNotExist();
}

std::vector<std::string> AttributesController::ForwardingPeers(storage::Transaction& tx,
                                                               const LocalAttribute& attribute,
                                                               bool include_to_be_deleted) const {
  std::vector<js::value> excluded{js::string(kDeletedByRecipient)};
  if (!include_to_be_deleted) excluded.emplace_back(js::string(kToBeDeletedByRecipient));
  storage::Filter filter;
  filter.Where(Condition::Equals("attributeId", js::string(attribute.id)));
  filter.Where(Condition::NotIn("deletionInfo.deletionStatus", std::move(excluded)));
  std::vector<std::string> peers;
  for (const auto& d : tx.Find(kForwardingDetailsCollection, storage::Query{filter, {}, {}, 0})) {
    const auto* peer = d.body.if_contains("peer");
    if (peer == nullptr || !peer->is_string()) continue;
    std::string p(peer->get_string());
    if (std::find(peers.begin(), peers.end(), p) == peers.end()) peers.push_back(std::move(p));
  }
  return peers;
}

void AttributesController::Delete(storage::Transaction& tx, const LocalAttribute& attribute,
                                  transport::PendingEvents& events) const {
  const auto dto = Dto(tx, attribute);
  tx.Delete(kCollection, attribute.id);
  events.Add(std::string(kAttributeDeleted), dto);
}

void AttributesController::ExecuteFullDeletion(storage::Transaction& tx, const LocalAttribute& attribute,
                                               transport::PendingEvents& events) const {
  ValidateFullDeletion(tx, attribute);
  if (attribute.succeeded_by) {
    auto successor = Get(tx, *attribute.succeeded_by);
    if (!successor) throw attribute_errors::SuccessorDoesNotExist();
    successor->succeeds.reset();  // detachSuccessor
    tx.Replace(kCollection, successor->id, successor->ToDocument());
  }
  for (const auto& predecessor : Predecessors(tx, attribute)) Delete(tx, predecessor, events);
  Delete(tx, attribute, events);
}

std::vector<LocalAttribute> AttributesController::ExecuteIdentityAttributeQuery(
    storage::Transaction& tx, const content::IdentityAttributeQuery& query) const {
  // Scalar-only: these fields are strings in every stored record (LocalAttribute::ToDocument), and
  // so the index "valueTypeOwner" answers the query.
  storage::Filter filter;
  filter.Where(Condition::Equals("content.@type", js::string("IdentityAttribute")).ScalarOnly());
  filter.Where(Condition::Equals("content.value.@type", js::string(query.value_type)).ScalarOnly());
  filter.Where(Condition::Equals("content.owner", js::string(ctx_.self_address)).ScalarOnly());
  if (query.tags) {
    // {$or: [{content.tags: {$contains: t}} …]}; an empty $or matches nothing.
    if (query.tags->empty()) return {};
    std::vector<js::value> tags(query.tags->begin(), query.tags->end());
    filter.Where(Condition::In("content.tags", std::move(tags)));
  }
  return Find(tx, filter);
}

}  // namespace nmshd::consumption
