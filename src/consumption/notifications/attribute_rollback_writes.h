#pragma once
// The raw record writes the processors' rollbacks use, as the official ones do through
// updateAttributeUnsafe / deleteAttributeUnsafe and setDeletionInfoForForwardingPeer(undefined):
// no rules, no events — they put back what a processed item wrote.
#include <string_view>

#include "consumption/attributes/attributes_controller.h"
#include "storage/document_store.h"

namespace nmshd::consumption::rollback_writes {

// updateAttributeUnsafe: overwrites the stored record.
void UpdateAttribute(storage::Transaction& tx, const LocalAttribute& attribute);
// deleteAttributeUnsafe: removes the record (nothing else).
void DeleteAttribute(storage::Transaction& tx, std::string_view id);
// setForwardedDeletionInfoOfAttributeAndPredecessors(attribute, undefined, peer, true): the first
// forwarding record of each version for the peer loses its deletion info; cannotSetAttributeDeletionInfo
// for a version without one, as officially.
void ClearForwardedDeletionInfoWithPredecessors(storage::Transaction& tx, const AttributesController& attributes,
                                                const LocalAttribute& attribute, std::string_view peer);

}  // namespace nmshd::consumption::rollback_writes
