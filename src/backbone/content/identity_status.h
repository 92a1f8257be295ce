#pragma once
// The one thing the content modules need to know about identities (owned by the identities
// module, identities/identity_status.h): whether an address is a known identity and whether it is
// being deleted. CanCreate answers 404 "Identity not found." for an unknown peer and
// {canCreate:false, code:"…peerIsToBeDeleted"} for a peer that is not Active; POST /Relationships
// refuses a template owner that is not Active (backbone RelationshipsController).
// A function type so tests can run the content modules without the identities module's data.
#include <functional>
#include <string_view>

#include "storage/document_store.h"

namespace nmshd::backbone::content {

enum class IdentityStatus { kUnknown, kActive, kToBeDeleted, kDeleting };

using IdentityStatusLookup =
    std::function<IdentityStatus(storage::Transaction& tx, std::string_view address)>;

// Reads the identities module's documents (identities::GetIdentityStatus) in the caller's
// transaction.
IdentityStatusLookup IdentitiesModuleLookup();

}  // namespace nmshd::backbone::content
