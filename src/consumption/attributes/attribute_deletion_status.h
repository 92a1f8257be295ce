#pragma once
// The deletion statuses of runtime 7.x (consumption local/deletionInfos): an attribute I emitted
// (OwnRelationshipAttribute, and the forwarding details of what I forwarded) carries an
// EmittedAttributeDeletionInfo, one I received (Peer*, ThirdParty*) a ReceivedAttributeDeletionInfo.
// The DTO shows either as {deletionStatus, deletionDate}.
#include <string_view>

namespace nmshd::consumption::deletion_status {

// EmittedAttributeDeletionStatus
inline constexpr std::string_view kDeletionRequestSent = "DeletionRequestSent";
inline constexpr std::string_view kDeletionRequestRejected = "DeletionRequestRejected";
inline constexpr std::string_view kToBeDeletedByRecipient = "ToBeDeletedByRecipient";
inline constexpr std::string_view kDeletedByRecipient = "DeletedByRecipient";

// ReceivedAttributeDeletionStatus
inline constexpr std::string_view kToBeDeleted = "ToBeDeleted";
inline constexpr std::string_view kDeletedByEmitter = "DeletedByEmitter";

}  // namespace nmshd::consumption::deletion_status
