#pragma once
// The storage filter of GetTokens / GetRelationshipTemplates: the REST filter syntax on the stored
// DTO fields, plus the runtime's custom keys (its QueryTranslator `custom` functions):
//   passwordProtection.password                 the raw string (no operators), repeated → any of
//   passwordProtection.passwordIsPin=true|!     PIN protected / password protected
//   passwordProtection.passwordLocationIndicator  option name or number, matched numerically
//                                               ("_passwordLocationIndicator"); unknown names -1
// and the owner restriction of the /Own and /Peer routes. The query must have passed
// request_checks::CheckListQuery.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/query.h"

namespace nmshd::transport {

storage::Filter BuildListFilter(const std::vector<std::pair<std::string, std::string>>& query, bool templates,
                                std::optional<bool> is_own);

}  // namespace nmshd::transport
