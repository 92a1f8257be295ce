#pragma once
// Identity deletion processes started by the identity itself (backbone-protocol §1.4; official
// IdentityDeletionProcessesController, Devices.Domain Identity/IdentityDeletionProcess):
//
//   POST /api/v2/Identities/Self/DeletionProcesses          {lengthOfGracePeriodInDays?} -> 201 DTO
//        only one Active process (400 error.platform.validation.device.onlyOneActiveDeletionProcessAllowed);
//        the identity becomes ToBeDeleted until now + grace period (default config
//        identityDeletion.gracePeriodInDays, 14)
//   GET  /api/v2/Identities/Self/DeletionProcesses          -> 200 [DTO…]
//   GET  /api/v2/Identities/Self/DeletionProcesses/{id}     -> 200 DTO (404 unless the caller's)
//   PUT  /api/v2/Identities/Self/DeletionProcesses/{id}/Cancel -> 200 DTO, status Cancelled; the
//        identity is Active again (400 ...deletionProcessIsNotInRequiredStatus unless Active,
//        400 ...gracePeriodHasAlreadyExpired after the grace period)
//
// DTO (IdentityDeletionProcessOverviewDTO, member order as serialized):
//   {id, status, createdAt, createdByDevice, approvedAt (= createdAt), approvedByDevice
//    (= createdByDevice), gracePeriodEndsAt, gracePeriodReminder1SentAt, …2…, …3…}
//
// External events: the official server only emits IdentityDeletionProcessStarted/StatusChanged
// when someone other than the owner acts, which cannot happen through this API, so none are
// emitted for the owner. Peers with relationships get PeerToBeDeleted / PeerDeletionCancelled:
// that needs the relationships of the identity, which the content module owns, so it is done by
// the IdentityDeletionObserver given at registration (inside the same transaction).
//
// While ToBeDeleted: POST /SyncRuns is refused (sync/sync_runs.h), login keeps working until the
// grace period is over (auth/login.h), IsDeleted reports deletion after it.
#include <functional>
#include <string_view>

#include "api/api_routes.h"
#include "backbone_context.h"
#include "storage/document_store.h"

namespace nmshd::backbone::identities {

struct IdentityDeletionObserver {
  // Inside the transaction that started the process: tell the peers (PeerToBeDeleted).
  std::function<void(storage::Transaction&, const BackboneContext&, std::string_view address,
                     TimePoint grace_period_ends_at)>
      on_to_be_deleted;
  // Inside the transaction that cancelled it (PeerDeletionCancelled).
  std::function<void(storage::Transaction&, const BackboneContext&, std::string_view address)>
      on_deletion_cancelled;
};

void RegisterDeletionProcessRoutes(ApiRoutes& routes, const BackboneContext& ctx,
                                   IdentityDeletionObserver observer = {});

}  // namespace nmshd::backbone::identities
