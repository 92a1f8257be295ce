#pragma once
// IdentityMetadata records (consumption IdentityMetadataController of runtime 7.0.0): free-form
// local data about an identity, one record per (reference, key) — `key` absent and `key` "" are
// different records, as the official lookup `{reference, key: key ?? {$exists: false}}` makes them.
// Stored in the identity's database, collection "identityMetadata", as
// {id: "IDM…", reference, key?, value}. No events: the official controller publishes none.
//
// Every method works inside the caller's transaction.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "storage/document_store.h"

namespace nmshd::consumption {

struct IdentityMetadata {
  std::string id;
  std::string reference;
  std::optional<std::string> key;
  boost::json::value value;

  // IdentityMetadataMapper.toIdentityMetadataDTO: {reference, key?, value}.
  boost::json::object ToDto() const;
  boost::json::object ToDocument() const;
  static IdentityMetadata FromDocument(const boost::json::object& document);
};

class IdentityMetadataStore {
 public:
  static constexpr std::string_view kCollection = "identityMetadata";

  // Creates the lookup index; call once at start.
  static void EnsureIndexes(storage::Database& db);

  static std::optional<IdentityMetadata> Find(storage::Transaction& tx, std::string_view reference,
                                              const std::optional<std::string>& key);
  // upsertIdentityMetadata: a new record (fresh IDM id) or the existing one with the new value.
  static IdentityMetadata Upsert(storage::Transaction& tx, std::string_view reference,
                                 const std::optional<std::string>& key, boost::json::value value);
  static void Delete(storage::Transaction& tx, const IdentityMetadata& metadata);
  // deleteIdentityMetadataReferencedWithPeer: every record about `peer` (any key), as the
  // decomposition of the relationship with that peer does. Returns how many were deleted.
  static std::size_t DeleteReferencedWithPeer(storage::Transaction& tx, std::string_view peer);
};

}  // namespace nmshd::consumption
