#pragma once
// The official event namespaces (runtime-types `events/**`, @nmshd/runtime 7.0.0), the triggers users
// put into `modules.webhooks` and the routing keys of message brokers. The data each carries is
// noted in brackets (connector-surface.md §5.6).
#include <array>
#include <string>
#include <string_view>

namespace nmshd::connector::event_names {

// transport.*
inline constexpr std::string_view kMessageSent = "transport.messageSent";                          // [MessageDTO]
inline constexpr std::string_view kMessageReceived = "transport.messageReceived";                  // [MessageDTO]
inline constexpr std::string_view kMessageDelivered = "transport.messageDelivered";                // [MessageDTO]
inline constexpr std::string_view kMessageWasReadAtChanged = "transport.messageWasReadAtChanged";  // [MessageDTO]
inline constexpr std::string_view kRelationshipChanged = "transport.relationshipChanged";          // [RelationshipDTO]
inline constexpr std::string_view kRelationshipReactivationRequested =
    "transport.relationshipReactivationRequested";  // [RelationshipDTO]
inline constexpr std::string_view kRelationshipReactivationCompleted =
    "transport.relationshipReactivationCompleted";                                            // [RelationshipDTO]
inline constexpr std::string_view kPeerToBeDeleted = "transport.peerToBeDeleted";             // [RelationshipDTO]
inline constexpr std::string_view kPeerDeletionCancelled = "transport.peerDeletionCancelled";  // [RelationshipDTO]
inline constexpr std::string_view kPeerDeleted = "transport.peerDeleted";                     // [RelationshipDTO]
inline constexpr std::string_view kRelationshipDecomposedBySelf =
    "transport.relationshipDecomposedBySelf";  // [{relationshipId}]
inline constexpr std::string_view kPeerRelationshipTemplateLoaded =
    "transport.peerRelationshipTemplateLoaded";  // [RelationshipTemplateDTO]
inline constexpr std::string_view kRelationshipTemplateAllocationsExhausted =
    "transport.relationshipTemplateAllocationsExhausted";  // [RelationshipTemplateDTO]
inline constexpr std::string_view kFileOwnershipClaimed = "transport.fileOwnershipClaimed";  // [FileDTO]
inline constexpr std::string_view kFileOwnershipLocked = "transport.fileOwnershipLocked";    // [FileDTO]
inline constexpr std::string_view kIdentityDeletionProcessStatusChanged =
    "transport.identityDeletionProcessStatusChanged";  // [IdentityDeletionProcessDTO | none]
inline constexpr std::string_view kDatawalletSynchronized = "transport.datawalletSynchronized";  // [none]

// consumption.*
inline constexpr std::string_view kAttributeCreated = "consumption.attributeCreated";  // [LocalAttributeDTO]
inline constexpr std::string_view kAttributeDeleted = "consumption.attributeDeleted";  // [LocalAttributeDTO]
inline constexpr std::string_view kAttributeForwardingDetailsChanged =
    "consumption.attributeForwardingDetailsChanged";  // [LocalAttributeDTO]
inline constexpr std::string_view kAttributeWasViewedAtChanged =
    "consumption.attributeWasViewedAtChanged";  // [LocalAttributeDTO]
inline constexpr std::string_view kForwardedAttributeDeletedByPeer =
    "consumption.forwardedAttributeDeletedByPeer";  // [LocalAttributeDTO]
inline constexpr std::string_view kOwnAttributeDeletedByOwner =
    "consumption.ownAttributeDeletedByOwner";  // [LocalAttributeDTO]
inline constexpr std::string_view kPeerRelationshipAttributeDeletedByPeer =
    "consumption.peerRelationshipAttributeDeletedByPeer";                                   // [LocalAttributeDTO]
inline constexpr std::string_view kAttributeSucceeded = "consumption.attributeSucceeded";  // [{predecessor, successor}]
inline constexpr std::string_view kIncomingRequestReceived =
    "consumption.incomingRequestReceived";  // [LocalRequestDTO]
inline constexpr std::string_view kOutgoingRequestCreated =
    "consumption.outgoingRequestCreated";  // [LocalRequestDTO]
inline constexpr std::string_view kOutgoingRequestCreatedAndCompleted =
    "consumption.outgoingRequestCreatedAndCompleted";  // [LocalRequestDTO]
inline constexpr std::string_view kOutgoingRequestFromRelationshipCreationCreatedAndCompleted =
    "consumption.outgoingRequestFromRelationshipCreationCreatedAndCompleted";  // [LocalRequestDTO]
inline constexpr std::string_view kIncomingRequestStatusChanged =
    "consumption.incomingRequestStatusChanged";  // [{request, oldStatus, newStatus}]
inline constexpr std::string_view kOutgoingRequestStatusChanged =
    "consumption.outgoingRequestStatusChanged";  // [{request, oldStatus, newStatus}]
inline constexpr std::string_view kMessageProcessed = "consumption.messageProcessed";  // [{message, result}]
inline constexpr std::string_view kRelationshipTemplateProcessed =
    "consumption.relationshipTemplateProcessed";  // [{template, result, requestId? | relationshipId?}]
// Published by the MessageModule only, which the Connector does not configure by default.
inline constexpr std::string_view kMailReceived = "consumption.mailReceived";  // [MailDTO]
// "consumption.relationshipEvent.<relationshipId>" (MessageModule only), see RelationshipEventName().
inline constexpr std::string_view kRelationshipEventPrefix = "consumption.relationshipEvent.";
// Listed for newer runtimes (connector-surface.md §5.6); @nmshd/runtime 7.0.0 does not publish it.
inline constexpr std::string_view kShareCredentialOfferRequestItemProcessedByRecipient =
    "consumption.shareCredentialOfferRequestItemProcessedByRecipient";  // [{credentialOfferUrl, accepted, peer}]

// runtime lifecycle; the earlier ones (initializing, initialized, modulesLoaded, modulesInitialized)
// fire before modules subscribe.
inline constexpr std::string_view kRuntimeInitializing = "runtime.initializing";
inline constexpr std::string_view kRuntimeInitialized = "runtime.initialized";
inline constexpr std::string_view kRuntimeModulesLoaded = "runtime.modulesLoaded";
inline constexpr std::string_view kRuntimeModulesInitialized = "runtime.modulesInitialized";
inline constexpr std::string_view kRuntimeModulesStarted = "runtime.modulesStarted";

inline std::string RelationshipEventName(std::string_view relationshipId) {
  return std::string(kRelationshipEventPrefix) + std::string(relationshipId);
}

// Every fixed transport.* and consumption.* namespace above (not the relationshipEvent prefix and not
// the runtime lifecycle), e.g. to validate configured triggers or list them in docs.
inline constexpr std::array kOfficialDomainEvents = {
    kMessageSent,
    kMessageReceived,
    kMessageDelivered,
    kMessageWasReadAtChanged,
    kRelationshipChanged,
    kRelationshipReactivationRequested,
    kRelationshipReactivationCompleted,
    kPeerToBeDeleted,
    kPeerDeletionCancelled,
    kPeerDeleted,
    kRelationshipDecomposedBySelf,
    kPeerRelationshipTemplateLoaded,
    kRelationshipTemplateAllocationsExhausted,
    kFileOwnershipClaimed,
    kFileOwnershipLocked,
    kIdentityDeletionProcessStatusChanged,
    kDatawalletSynchronized,
    kAttributeCreated,
    kAttributeDeleted,
    kAttributeForwardingDetailsChanged,
    kAttributeWasViewedAtChanged,
    kForwardedAttributeDeletedByPeer,
    kOwnAttributeDeletedByOwner,
    kPeerRelationshipAttributeDeletedByPeer,
    kAttributeSucceeded,
    kIncomingRequestReceived,
    kOutgoingRequestCreated,
    kOutgoingRequestCreatedAndCompleted,
    kOutgoingRequestFromRelationshipCreationCreatedAndCompleted,
    kIncomingRequestStatusChanged,
    kOutgoingRequestStatusChanged,
    kMessageProcessed,
    kRelationshipTemplateProcessed,
    kMailReceived,
    kShareCredentialOfferRequestItemProcessedByRecipient,
};

}  // namespace nmshd::connector::event_names
