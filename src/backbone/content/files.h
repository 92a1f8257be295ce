#pragma once
// Files (backbone-protocol §1.9; official FilesController.cs, CreateFileDTOValidator.cs,
// Modules/Files File.cs, FilesRepository.cs).
//
// Upload: multipart/form-data with the part "content" (the cipher bytes, 1 B..maxContentBytes) and
// the fields cipherHash (1..128 B), ownerSignature (1..512 B), expiresAt (future),
// encryptedProperties (≤ 1 MiB), owner (ignored). The uploader becomes creator and owner and gets
// a fresh ownership token (20 characters of FileOwnershipToken's alphabet).
// Download (raw bytes) and metadata: any authenticated caller who knows the id, while the file is
// not expired. List: the caller's own uploads. Delete: creator only (403).
// Ownership tokens: Validate (a wrong token from a non-owner locks the ownership and emits
// FileOwnershipLocked to the owner), Regenerate (owner only, unlocks), Claim (wrong token locks +
// FileOwnershipLocked + 403; a locked file is 403; success moves the ownership, issues a new token
// and emits FileOwnershipClaimed {fileId, newOwnerAddress} to the previous owner).
// Contents are stored in the database (content_store.h says why).
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "api/api_routes.h"
#include "api/caller.h"
#include "backbone_context.h"

namespace nmshd::backbone::content {

inline constexpr std::size_t kOwnershipTokenLength = 20;
inline constexpr std::string_view kOwnershipTokenAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*()_-+=<>?/{}[]|~";

// POST multipart: the CreateFileResponse DTO (with ownershipToken).
boost::json::object UploadFile(const BackboneContext& ctx, const Caller& caller,
                               std::string_view content_type, std::string_view body);
// GET {id}: the stored bytes.
std::string DownloadFile(const BackboneContext& ctx, const Caller& caller, std::string_view id);
// GET {id}/metadata
boost::json::object GetFileMetadata(const BackboneContext& ctx, const Caller& caller,
                                    std::string_view id);
http::Response ListFileMetadata(const BackboneContext& ctx, const Caller& caller,
                                const http::Request& request);
void DeleteFile(const BackboneContext& ctx, const Caller& caller, std::string_view id);
// POST {id}/ValidateOwnershipToken {ownershipToken}: {isValid}.
boost::json::object ValidateOwnershipToken(const BackboneContext& ctx, const Caller& caller,
                                           std::string_view id, const boost::json::object& body);
// PATCH {id}/RegenerateOwnershipToken: {newOwnershipToken}.
boost::json::object RegenerateOwnershipToken(const BackboneContext& ctx, const Caller& caller,
                                             std::string_view id);
// PATCH {id}/ClaimOwnership {ownershipToken}: {newOwnershipToken}.
boost::json::object ClaimFileOwnership(const BackboneContext& ctx, const Caller& caller,
                                       std::string_view id, const boost::json::object& body);

boost::json::object FileMetadataDto(const boost::json::object& doc);

void RegisterFileRoutes(ApiRoutes& routes, BackboneContext& ctx);

}  // namespace nmshd::backbone::content
