#pragma once
// The id prefixes the Backbone generates (StronglyTypedId subclasses, 3 characters + 17) and the
// client-local ones of @nmshd/transport TransportIds (6 characters + 14). Backbone ids travel on
// the wire; transport ids only appear inside encrypted content or local storage.
#include <array>
#include <string_view>

#include "core/core_id.h"

namespace nmshd::core {

namespace backbone_ids {
inline constexpr std::string_view kChallenge = "CHL";
inline constexpr std::string_view kDevice = "DVC";
inline constexpr std::string_view kUsername = "USR";
inline constexpr std::string_view kRelationshipTemplate = "RLT";
inline constexpr std::string_view kRelationship = "REL";
inline constexpr std::string_view kRelationshipAuditLogEntry = "RAL";
inline constexpr std::string_view kMessage = "MSG";
inline constexpr std::string_view kFile = "FIL";
inline constexpr std::string_view kToken = "TOK";
inline constexpr std::string_view kSyncRun = "SYR";
inline constexpr std::string_view kExternalEvent = "SYI";
inline constexpr std::string_view kSyncError = "SYE";
inline constexpr std::string_view kDatawallet = "DWL";
inline constexpr std::string_view kDatawalletModification = "DWM";
inline constexpr std::string_view kIdentityDeletionProcess = "IDP";
inline constexpr std::string_view kIdentityDeletionProcessAuditLogEntry = "IDA";
inline constexpr std::string_view kDevicePushIdentifier = "DPI";
inline constexpr std::string_view kAnnouncement = "ANC";
inline constexpr std::string_view kAnnouncementAction = "AAC";
inline constexpr std::string_view kTier = "TIR";
inline constexpr std::string_view kTierQuotaDefinition = "TQD";
inline constexpr std::string_view kQuota = "QUO";
inline constexpr std::string_view kOAuthClient = "CLT";

inline constexpr std::array<std::string_view, 23> kAll = {
    kChallenge, kDevice, kUsername, kRelationshipTemplate, kRelationship, kRelationshipAuditLogEntry,
    kMessage, kFile, kToken, kSyncRun, kExternalEvent, kSyncError, kDatawallet,
    kDatawalletModification, kIdentityDeletionProcess, kIdentityDeletionProcessAuditLogEntry,
    kDevicePushIdentifier, kAnnouncement, kAnnouncementAction, kTier, kTierQuotaDefinition,
    kQuota, kOAuthClient};
}  // namespace backbone_ids

namespace transport_ids {
inline constexpr std::string_view kSecret = "TRPSEC";
inline constexpr std::string_view kRelationshipSecret = "TRPRSE";
inline constexpr std::string_view kRelationshipTemplateKey = "TRPRTK";
inline constexpr std::string_view kDatawalletModification = "TRPDWM";
inline constexpr std::string_view kHttpRequest = "HTTP";  // RESTClient request log ids
}  // namespace transport_ids

// A new Backbone id; throws "error.core.id.unknownPrefix" for a prefix not in backbone_ids::kAll.
std::string GenerateBackboneId(std::string_view prefix);
// Throws "error.platform.validation.invalidId" unless `id` is a well-formed id with `prefix`.
void ValidateBackboneId(std::string_view id, std::string_view prefix, std::string_view what = "id");
bool IsBackboneId(std::string_view id, std::string_view prefix) noexcept;
// The entity prefix of a well-formed Backbone id (one of kAll), or empty.
std::string_view BackboneIdPrefixOf(std::string_view id) noexcept;

}  // namespace nmshd::core
