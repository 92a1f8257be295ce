#pragma once
// Persistent shapes of the Synchronization module (official Modules/Synchronization: SyncRuns,
// ExternalEvents + SyncErrors, Datawallets, DatawalletModifications) as documents.
//
//   syncRuns                 id = SYR…  {id, type, expiresAt, index, createdAt, createdBy,
//                                        createdByDevice, eventCount, finalizedAt (ISO|null)}
//                            unique (createdBy, index): index = previous run's index + 1
//   externalEvents           id = SYI…  {id, owner, type, index, createdAt, payload,
//                                        syncErrorCount, syncRunId (SYR…|null), context (REL…|null),
//                                        isDeliveryBlocked, errors:[{syncRunId, errorCode, createdAt}]}
//                            unique (owner, index); index from the storage sequence
//                            "externalEventIndex:<owner>" (0, 1, 2, … without gaps)
//   datawallets              id = owner address  {id: DWL…, owner, version}
//   datawalletModifications  id = DWM…  {id, createdBy, datawalletVersion, index, objectIdentifier,
//                                        payloadCategory, createdAt, createdByDevice, collection,
//                                        type, encryptedPayload (b64url|null)}
//                            unique (createdBy, index): 0, 1, 2, … per identity
//
// An event is "synced" when its syncRunId names a finalized run, "in a run" while that run is
// open, and "unsynced" while syncRunId is null. It is delivered again after a failure until its
// syncErrorCount reaches kMaxSyncErrors.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/caller.h"
#include "backbone_context.h"
#include "storage/document_store.h"

namespace nmshd::backbone::sync {

inline constexpr std::string_view kSyncRuns = "syncRuns";
inline constexpr std::string_view kExternalEvents = "externalEvents";
inline constexpr std::string_view kDatawallets = "datawallets";
inline constexpr std::string_view kDatawalletModifications = "datawalletModifications";

inline constexpr std::int64_t kMaxSyncErrors = 3;             // StartSyncRun MAX_NUMBER_OF_SYNC_ERRORS_PER_EVENT
inline constexpr std::int64_t kDefaultSyncRunDurationSeconds = 10;  // StartSyncRun DEFAULT_DURATION

// Serializes one identity's sync state changes (start, finalize, datawallet push) on every backend:
// a row-locked increment of the sequence "syncLock:<address>" that concurrent transactions of the
// same identity wait for (PostgreSQL READ COMMITTED would otherwise let two starts both see "no
// active run").
void LockSyncState(storage::Transaction& tx, std::string_view address);

// The unsynced, unblocked events of `owner` with fewer than kMaxSyncErrors errors, by index.
std::vector<storage::Document> UnsyncedEvents(storage::Transaction& tx, std::string_view owner,
                                              std::optional<std::size_t> limit = std::nullopt);

// {id, type, index, createdAt, syncErrorCount, payload}: the official ExternalEventDTO.
boost::json::object ExternalEventDto(const boost::json::object& event);

// The datawallet of `owner`, if created.
std::optional<boost::json::object> FindDatawallet(storage::Transaction& tx, std::string_view owner);

// One entry of `datawalletModifications` / `modifications` in a request
// (PushDatawalletModificationItem), validated.
struct NewDatawalletModification {
  std::string type;  // Create | Update | Delete | CacheChanged
  std::string object_identifier;
  std::string collection;
  std::optional<std::string> payload_category;
  std::optional<std::vector<std::uint8_t>> encrypted_payload;
  std::int64_t datawallet_version = 0;

  static NewDatawalletModification FromJson(const boost::json::value& item);
};
std::vector<NewDatawalletModification> ReadModifications(const boost::json::array& items);

// Appends modifications to the datawallet of `caller` (which must exist: 404 otherwise) with the
// next indexes; returns the created [{id, index, createdAt}]. A modification whose
// datawalletVersion exceeds the datawallet's is refused (400
// error.platform.validation.datawallet.datawalletVersionOfModificationTooHigh).
boost::json::array AddDatawalletModifications(storage::Transaction& tx, const BackboneContext& ctx,
                                              const Caller& caller,
                                              const std::vector<NewDatawalletModification>& items);
// The index of the newest modification of `owner`, if any.
std::optional<std::int64_t> LatestModificationIndex(storage::Transaction& tx, std::string_view owner);

void EnsureSyncIndexes(storage::Database& db);

}  // namespace nmshd::backbone::sync
