#pragma once
// Files, own and peer (useCases/transport/files/* of @nmshd/runtime 7.0.0 over FileController of
// @nmshd/transport): upload, load by reference or token, download, delete, ownership token, tokens
// for files, and the FileOwnershipLocked / FileOwnershipClaimed external events.
//
// Storage: collection "files", document id = the Backbone id (FIL…). Public members in the shape
// of the runtime's FileDTO (id, isOwn, filename, tags?, filesize, createdAt, createdBy,
// createdByDevice, expiresAt, mimetype, title?, description?, owner, ownershipToken?,
// ownershipIsLocked?) so the REST filters run on them; the reference is computed in ToDto.
// "secrets" is SecretBox-sealed under "files/<id>/secrets": {"secretKey": K_meta, "cipherKey": K_F}.
// Internal members: "_cipherHash", "_plaintextHash", "_ownerSignature", "_filemodified"?.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/reference.h"
#include "crypto/secret_key.h"
#include "storage/filter_syntax.h"
#include "transport/modules/tokens/tokens.h"
#include "transport/modules/transport_context.h"

namespace nmshd::transport {

class SyncEngine;

// One file with its secrets opened.
struct LocalFile {
  std::string id;
  bool is_own = false;
  boost::json::object members;   // the stored public members (FileDTO without reference)
  crypto::SecretKey secret_key;  // K_meta: references and token contents carry it
  crypto::SecretKey cipher_key;  // K_F: decrypts the content
  std::string cipher_hash;
  std::string plaintext_hash;

  std::string filename() const;
  std::string mimetype() const;
};

// UploadOwnFileRequest as the Connector's multipart route collects it; absent members stay nullopt.
struct UploadFileInput {
  std::optional<std::string> content;  // raw bytes
  std::optional<std::string> filename;
  std::optional<std::string> mimetype;
  std::optional<std::string> expires_at;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> tags;
};

// DownloadFileResponse / DownloadAttachmentResponse.
struct FileDownload {
  std::string content;
  std::string filename;
  std::string mimetype;
};

class Files {
 public:
  static constexpr std::string_view kCollection = "files";

  // Tokens serve the token references of files (GetOrLoadFile, CreateTokenForFile).
  Files(TransportContext& ctx, Tokens& tokens);

  // UploadOwnFile. Validation as the runtime (400 error.runtime.validation.invalidPropertyValue:
  // required members, expiresAt format, unique tags, "'content' is too large" above 10 MiB,
  // "'expiresAt' must be in the future"; tags as the consumption layer's validateTagsForType).
  boost::json::object UploadOwn(const UploadFileInput& input);
  // GetOrLoadFile: body {reference, password?}; a truncated file or token reference or the URL of one.
  boost::json::object LoadPeer(const boost::json::value& body);
  // GetFile (DTO); error.runtime.recordNotFound when unknown.
  boost::json::object GetDto(const std::string& id);
  // GET /Files/{idOrReference}: an id (starts with "FIL") is read locally, anything else is loaded
  // as a reference (GetOrLoadFile).
  boost::json::object GetOrLoadDto(const std::string& id_or_reference);
  // GetFiles with the REST query; `is_own` restricts to own (true) or peer (false) files.
  boost::json::array List(const storage::QueryParameters& query, std::optional<bool> is_own = std::nullopt);
  // DownloadFile: the decrypted content, verified against both hashes.
  FileDownload Download(const std::string& id);
  // DeleteFile: own files are deleted on the Backbone too, peer files only locally.
  void Delete(const std::string& id);
  // RegenerateFileOwnershipToken (own files only: error.runtime.files.notOwnedByYou).
  boost::json::object RegenerateOwnershipToken(const std::string& id);
  // validateFileOwnershipToken: the Backbone's isValid for `token`. Note the Backbone locks the
  // file (FileOwnershipLocked to its owner) when anyone but the owner presents a wrong token.
  bool ValidateOwnershipToken(const std::string& id, const std::string& token);
  // claimFileOwnership: PATCH /Files/{id}/ClaimOwnership, then the record as the official
  // updateFileFromBackbone + setOwnershipToken leave it (the Backbone's metadata, isOwn, the new
  // ownership token), written in `tx`. The claim itself is not undone by a rollback of `tx`.
  LocalFile ClaimOwnership(storage::Transaction& tx, const LocalFile& file, const std::string& token);
  // For a claim whose local write was lost (the Backbone already names me owner, my record still
  // names the peer): the record as ClaimOwnership writes it, with a freshly regenerated token,
  // since the token the claim returned is gone.
  LocalFile AdoptClaimedOwnership(storage::Transaction& tx, const LocalFile& file);
  // The Backbone's current owner of the file (GET metadata).
  std::string BackboneOwnerOf(const std::string& id);
  // getOrLoadFile(id, key) inside the caller's transaction: the local record, else the Backbone's
  // metadata (a network call inside `tx`) stored as a peer file.
  LocalFile GetOrLoad(storage::Transaction& tx, const std::string& id, const crypto::SecretKey& metadata_key);

  // CreateTokenForFile: body {expiresAt?, ephemeral?, forIdentity?, passwordProtection?}; the
  // TokenDTO. `force_ephemeral` is the Connector's `Accept: image/png` rule.
  boost::json::object CreateToken(const std::string& id, const boost::json::value& body, bool force_ephemeral = false);

  // Local record; nullopt when unknown.
  std::optional<LocalFile> Find(const std::string& id);
  std::optional<LocalFile> Find(storage::Transaction& tx, const std::string& id);
  // getOrLoadFile in two halves, so a caller can do the Backbone read first and store inside its own
  // transaction (MessageReceived stores message and attachments together): FetchPeer reads and
  // decrypts the metadata (no storage), StoreIfAbsent inserts it unless a record already exists.
  LocalFile FetchPeer(const std::string& id, const crypto::SecretKey& metadata_key);
  void StoreIfAbsent(storage::Transaction& tx, const LocalFile& file);
  // getOrLoadFile(id, key) in one step; the local record wins.
  LocalFile GetOrLoad(const std::string& id, const crypto::SecretKey& metadata_key);

  // File.toFileReference(baseUrl).
  core::Reference ReferenceOf(const LocalFile& file) const;
  // The runtime's FileDTO (FileMapper.toFileDTO), members in its order.
  boost::json::object ToDto(const LocalFile& file) const;

  // FileOwnershipLocked -> transport.fileOwnershipLocked, FileOwnershipClaimed -> transport.fileOwnershipClaimed.
  void RegisterProcessors(SyncEngine& sync);

 private:
  LocalFile Open(const boost::json::object& doc) const;
  boost::json::object ToDocument(const LocalFile& file) const;
  void Update(storage::Transaction& tx, const LocalFile& file);
  // The Backbone's metadata of `file` with `token` as its ownership token, written in `tx`.
  LocalFile StoreWithOwnershipToken(storage::Transaction& tx, const LocalFile& file, const std::string& token);
  boost::json::object LoadFromTokenReference(const core::Reference& reference,
                                             const std::optional<std::string>& password);
  void ValidateTags(const std::vector<std::string>& tags);

  TransportContext& ctx_;
  Tokens& tokens_;
};

}  // namespace nmshd::transport
