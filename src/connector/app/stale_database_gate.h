#pragma once
// The start step that refuses a database older than what the Backbone knows (issue #6, users-and-ops
// §1.1/§2.4: "on start, detect that the local state is older than the Backbone's view"), run after
// the identity is loaded and before the HTTP API, the sync module or any automation starts.
//
// The facts come from transport (modules/state): the database's state watermark and counts against
// the newest state marker in the identity's datawallet on the Backbone. A stale database stops the
// start with error.connector.database.stale and a message naming what is missing. With
// `database.acceptStaleState: true` (env database__acceptStaleState=true, or
// `connector start --accept-stale-database`) the connector logs the same facts as a warning, raises
// its watermark above the Backbone's, moves every relationship's transmit counter far ahead (the
// lost newer state may have sent messages with the counters this database would use next: a nonce
// must never repeat under one key), publishes the watermark (so the next start is not refused
// again) and starts; sync then brings in whatever the Backbone still delivers.
#include <cstdint>

#include "storage/document_store.h"
#include "transport/account/secret_box.h"
#include "transport/modules/state/state_marker.h"

namespace nmshd::connector {

// Returns the watermark the Backbone holds afterwards (the publisher's starting point). Throws
// CodedError error.connector.database.stale, or BackboneError when the Backbone cannot be asked.
std::int64_t EnforceCurrentDatabase(storage::Database& db, const transport::SecretBox& box,
                                    transport::StateMarker& marker, bool accept_stale);

}  // namespace nmshd::connector
