#include "transport/modules/schema/transport_schema.h"

#include "transport/modules/state/state_watermark.h"

namespace nmshd::transport {

const std::vector<storage::Migration>& TransportMigrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {1, "the layout before schema versions (nothing to change)", [](storage::Transaction&) {}},
      {2, "state watermark",
       [](storage::Transaction& tx) {
         // A database from before the watermark has no changes counted yet; its connector never
         // published a marker, so 0 cannot be mistaken for stale.
         if (!tx.Get(StateWatermark::kCollection, StateWatermark::kCurrent)) {
           tx.Insert(StateWatermark::kCollection, StateWatermark::kCurrent,
                     boost::json::object{{"value", 0}, {"changedAt", ""}});
         }
       }},
  };
  return kMigrations;
}

std::int64_t TransportSchemaVersion() { return static_cast<std::int64_t>(TransportMigrations().size()); }

}  // namespace nmshd::transport
