#pragma once
// What other modules may ask about an identity (the official modules keep read copies of this;
// here they read the Devices module's documents inside their own transaction):
//   * does it exist (CanCreate: 404 "Identity not found."),
//   * is it Active, or ToBeDeleted/Deleting (sync runs refused, `peerIsToBeDeleted` for
//     relationships, templates of a to-be-deleted owner),
//   * when does its deletion grace period end (PeerToBeDeleted payload `deletionDate`).
#include <optional>
#include <string>
#include <string_view>

#include "base/iso_date.h"
#include "storage/document_store.h"

namespace nmshd::backbone::identities {

enum class IdentityStatus { kActive, kToBeDeleted, kDeleting };

// nullopt: no such identity.
std::optional<IdentityStatus> GetIdentityStatus(storage::Transaction& tx, std::string_view address);
bool IdentityExists(storage::Transaction& tx, std::string_view address);
// True for a known identity whose status is Active.
bool IsIdentityActive(storage::Transaction& tx, std::string_view address);
// True for a known identity in ToBeDeleted or Deleting.
bool IsIdentityToBeDeleted(storage::Transaction& tx, std::string_view address);
// The end of the running deletion grace period, if any.
std::optional<TimePoint> DeletionGracePeriodEndsAt(storage::Transaction& tx, std::string_view address);

}  // namespace nmshd::backbone::identities
