#include "connector/app/stale_database_gate.h"

#include "base/coded_error.h"
#include "logging/log_system.h"
#include "transport/modules/relationships/relationship_channel.h"
#include "transport/modules/state/stale_state_check.h"
#include "transport/modules/state/state_watermark.h"

namespace nmshd::connector {

std::int64_t EnforceCurrentDatabase(storage::Database& db, const transport::SecretBox& box,
                                    transport::StateMarker& marker, bool accept_stale) {
  auto log = logging::GetLogger("ConnectorRuntime");
  const auto local = transport::StateWatermark::Read(db);
  const auto newest = marker.FetchNewest();
  const auto verdict = transport::JudgeDatabaseState(local, newest);
  if (!verdict.stale) {
    if (newest) {
      log.Info("database state #{} is not behind the Backbone's record (#{})", local.watermark,
               verdict.backbone_watermark);
    }
    return verdict.backbone_watermark;
  }
  if (!accept_stale) {
    throw CodedError("error.connector.database.stale",
                     "refusing to start: this database is older than what the Backbone knows about this identity (a "
                     "restored older backup?): " +
                         verdict.facts +
                         ". Starting on it would sync and run automations on an outdated state, and what is missing "
                         "could not be recovered afterwards. Restore the newest backup instead, or accept the loss with "
                         "database.acceptStaleState=true (env database__acceptStaleState=true, or `connector start "
                         "--accept-stale-database`).");
  }
  log.Warn("starting on a stale database because database.acceptStaleState is set; this is lost: {}", verdict.facts);
  {
    auto tx = db.Begin(storage::TransactionMode::kReadWrite);
    const auto moved = transport::SkipTransmitCountersAhead(*tx, box);
    tx->Commit();
    log.Info("transmit counters of {} relationship(s) moved {} ahead, so no nonce of the lost state is used again",
             moved, transport::kRestoredCounterSkip);
  }
  // Above everything the Backbone has seen, so this database's next state is the newest again.
  transport::StateWatermark::RaiseTo(db, verdict.backbone_watermark + 1);
  const auto raised = transport::StateWatermark::Read(db);
  try {
    marker.Publish(raised);
    log.Info("state #{} of this database published; the next start compares against it", raised.watermark);
    return raised.watermark;
  } catch (const std::exception& e) {
    // The publisher retries; until it succeeds a restart would need the override again.
    log.Warn("cannot publish the raised state #{} yet ({}); it is retried in the background", raised.watermark,
             e.what());
    return verdict.backbone_watermark;
  }
}

}  // namespace nmshd::connector
