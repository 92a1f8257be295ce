#pragma once
// Where the identities module meets the relationships of the content module (official: the
// Relationships module's IdentityToBeDeleted / IdentityDeletionCancelled handlers and the Devices
// module's read copy of relationships for SendNotification). Kept in the composition root so
// neither module depends on the other's documents.
//
//   * deletion started   -> PeerToBeDeleted {relationshipId, deletionDate} to the peer of every
//                           relationship in Pending/Active/Terminated
//   * deletion cancelled -> PeerDeletionCancelled {relationshipId} to the same peers
//   * POST /Notifications -> recipients need a youngest relationship in Pending/Active/Terminated
// Without the content module (no relationships) the hooks are empty.
#include "identities/deletion_processes.h"
#include "misc/misc_routes.h"

namespace nmshd::backbone {

identities::IdentityDeletionObserver PeerDeletionNotifier();
misc::RecipientsWithoutRelationship NotificationRelationshipCheck();

}  // namespace nmshd::backbone
