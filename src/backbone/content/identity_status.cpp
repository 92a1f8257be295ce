#include "content/identity_status.h"

#include "identities/identity_status.h"

namespace nmshd::backbone::content {

IdentityStatusLookup IdentitiesModuleLookup() {
  return [](storage::Transaction& tx, std::string_view address) {
    auto status = identities::GetIdentityStatus(tx, address);
    if (!status) return IdentityStatus::kUnknown;
    switch (*status) {
      case identities::IdentityStatus::kActive:
        return IdentityStatus::kActive;
      case identities::IdentityStatus::kToBeDeleted:
        return IdentityStatus::kToBeDeleted;
      case identities::IdentityStatus::kDeleting:
        return IdentityStatus::kDeleting;
    }
    return IdentityStatus::kUnknown;
  };
}

}  // namespace nmshd::backbone::content
