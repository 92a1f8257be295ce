#pragma once
// What the consumption layer needs from the layers below: the identity's database, its address,
// the sink for `consumption.*` events (published after the change committed) and the Backbone's
// attribute tag collection. Owned by the connector app; controllers keep references.
#include <string>

#include "storage/document_store.h"
#include "transport/modules/tags/tag_collection_cache.h"
#include "transport/modules/transport_events.h"

namespace nmshd::consumption {

struct ConsumptionContext {
  storage::Database& db;
  std::string self_address;
  transport::TransportEventSink& events;
  // The Backbone's tag collection for tags of the form "bkb:…"; nullptr where no Backbone is
  // reachable (tests), then such tags are refused as unknown.
  transport::TagCollectionCache* tags = nullptr;
};

}  // namespace nmshd::consumption
