#pragma once
// What every transport module needs: the database, the Backbone client, the identity, the key
// that seals secrets at rest, the event sink, the Backbone's tag collection. Owned by the
// connector app; modules keep references.
#include <string>

#include "storage/document_store.h"
#include "transport/account/account.h"
#include "transport/account/secret_box.h"
#include "transport/backbone/backbone_client.h"
#include "transport/modules/tags/tag_collection_cache.h"
#include "transport/modules/transport_events.h"

namespace nmshd::transport {

struct TransportContext {
  storage::Database& db;
  BackboneClient& backbone;
  const Account& account;
  const SecretBox& box;
  TransportEventSink& events;
  std::string base_url;  // the Backbone base URL, written into references
  TagCollectionCache& tags;
};

}  // namespace nmshd::transport
