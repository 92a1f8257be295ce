#pragma once
// The storage filter of GetAttributes / GetOwnIdentityAttributes (the runtime's QueryTranslator of
// GetAttributesUseCase): the whitelisted keys with the Connector's REST operators
// (storage/filter_syntax.h) — @type, createdAt, succeeds, succeededBy, wasViewedAt, isDefault,
// content.owner, content.@type, content.value.@type, content.key, content.isTechnical,
// content.confidentiality, peer, sourceReference, initialAttributePeer, deletionInfo,
// deletionInfo.deletionStatus, deletionInfo.deletionDate — and its custom `content.tags`: the raw
// value (no operators) must be one of the tags; repeated, any one of them. Other keys are ignored.
#include "consumption/attributes/attribute_requests.h"
#include "storage/query.h"

namespace nmshd::consumption {

storage::Filter AttributeListFilter(const QueryParameters& query);

}  // namespace nmshd::consumption
