#include "consumption/identity_metadata/identity_metadata_store.h"

#include "core/core_id.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;
using storage::Condition;

storage::Filter ReferenceAndKey(std::string_view reference, const std::optional<std::string>& key) {
  storage::Filter filter;
  filter.Where(Condition::Equals("reference", js::string(reference)));
  if (key) {
    filter.Where(Condition::Equals("key", js::string(*key)).ScalarOnly());
  } else {
    filter.Where(Condition::NotExists("key"));
  }
  return filter;
}

}  // namespace

js::object IdentityMetadata::ToDto() const {
  js::object dto{{"reference", reference}};
  if (key) dto["key"] = *key;
  dto["value"] = value;
  return dto;
}

js::object IdentityMetadata::ToDocument() const {
  js::object document{{"id", id}, {"reference", reference}};
  if (key) document["key"] = *key;
  document["value"] = value;
  return document;
}

IdentityMetadata IdentityMetadata::FromDocument(const js::object& document) {
  IdentityMetadata out;
  out.id = std::string(document.at("id").as_string());
  out.reference = std::string(document.at("reference").as_string());
  if (const auto* key = document.if_contains("key"); key != nullptr && key->is_string()) {
    out.key = std::string(key->get_string());
  }
  out.value = document.at("value");
  return out;
}

void IdentityMetadataStore::EnsureIndexes(storage::Database& db) {
  db.EnsureIndex(kCollection, storage::IndexSpec{"reference", {"reference"}, false});
}

std::optional<IdentityMetadata> IdentityMetadataStore::Find(storage::Transaction& tx, std::string_view reference,
                                                            const std::optional<std::string>& key) {
  storage::Query query;
  query.filter = ReferenceAndKey(reference, key);
  query.limit = 1;
  auto found = tx.Find(kCollection, query);
  if (found.empty()) return std::nullopt;
  return IdentityMetadata::FromDocument(found.front().body);
}

IdentityMetadata IdentityMetadataStore::Upsert(storage::Transaction& tx, std::string_view reference,
                                               const std::optional<std::string>& key, js::value value) {
  if (auto existing = Find(tx, reference, key)) {
    existing->value = std::move(value);
    tx.Replace(kCollection, existing->id, existing->ToDocument());
    return std::move(*existing);
  }
  static const core::CoreIdFormat kFormat("IDM");  // ConsumptionIds.identityMetadata
  IdentityMetadata created{kFormat.Generate(), std::string(reference), key, std::move(value)};
  tx.Insert(kCollection, created.id, created.ToDocument());
  return created;
}

void IdentityMetadataStore::Delete(storage::Transaction& tx, const IdentityMetadata& metadata) {
  tx.Delete(kCollection, metadata.id);
}

std::size_t IdentityMetadataStore::DeleteReferencedWithPeer(storage::Transaction& tx, std::string_view peer) {
  storage::Query query;
  query.filter.Where(Condition::Equals("reference", js::string(peer)));
  std::size_t deleted = 0;
  for (const auto& document : tx.Find(kCollection, query)) deleted += tx.Delete(kCollection, document.id) ? 1 : 0;
  return deleted;
}

}  // namespace nmshd::consumption
