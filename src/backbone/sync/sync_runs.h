#pragma once
// Sync runs (backbone-protocol §1.10; official SyncRunsController, Synchronization.Application
// SyncRuns/*, Synchronization.Domain SyncRun/ExternalEvent):
//
//   POST /api/v2/SyncRuns   + X-Supported-Datawallet-Version   {type?, duration? (seconds)}
//     type ExternalEventSync (default) | DatawalletVersionUpgrade
//     -> 201 {status:"Created", syncRun:{id, type, expiresAt, index, createdAt, createdBy,
//             createdByDevice, eventCount}}
//     -> 200 {status:"NoNewEvents", syncRun:null}   (ExternalEventSync without deliverable events)
//     errors: 400 ...syncRun.cannotStartSyncRunWhileIdentityIsToBeDeleted (identity not Active),
//             404 Datawallet (ExternalEventSync before the first DatawalletVersionUpgrade),
//             400 ...datawallet.insufficientSupportedDatawalletVersion (header < datawallet version),
//             400 ...syncRun.cannotStartSyncRunWhenAnotherSyncRunIsRunning (an unfinalized run of the
//                 identity that has not expired; an expired one is cancelled first: its events
//                 get a "syncRunCanceled" error each and are released)
//   GET  /api/v2/SyncRuns/{id}                          -> SyncRunDTO (the caller's runs)
//   GET  /api/v2/SyncRuns/{id}/ExternalEvents           -> paged ExternalEventDTOs of the run, by
//        index; only the creating device, only while the run is open
//   PUT  /api/v2/SyncRuns/{id}/FinalizeExternalEventSync
//        {externalEventResults:[{externalEventId, errorCode?}], datawalletModifications:[…]}
//        -> {newDatawalletModificationIndex, datawalletModifications:[{id,index,createdAt}],
//            newUnsyncedExternalEventsExist}
//        an event without a result or with an errorCode counts an error and is released for the
//        next run; at kMaxSyncErrors (3) it is never delivered again
//   PUT  /api/v2/SyncRuns/{id}/FinalizeDatawalletVersionUpgrade
//        {newDatawalletVersion, datawalletModifications?} -> {newDatawalletModificationIndex,
//        datawalletModifications}; creates the datawallet on the first upgrade, else upgrades it
//   PUT  /api/v2/SyncRuns/{id}/RefreshExpirationTime   -> {expiresAt} (now + 10 s)
// Finalizing: only the creating device (400 ...cannotFinalizeSyncRunStartedByAnotherDevice), once
// (400 ...syncRunAlreadyFinalized), matching type (400 ...unexpectedSyncRunType).
// Every state change is one storage transaction, serialized per identity (sync_store.h).
#include "api/api_routes.h"
#include "backbone_context.h"

namespace nmshd::backbone::sync {

void RegisterSyncRunRoutes(ApiRoutes& routes, const BackboneContext& ctx);

}  // namespace nmshd::backbone::sync
