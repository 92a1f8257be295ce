#include "content/files.h"

#include <set>

#include "api/api_errors.h"
#include "content/content_common.h"
#include "content/content_store.h"
#include "content/multipart.h"
#include "core/backbone_ids.h"
#include "core/core_date.h"
#include "crypto/random.h"
#include "sync/external_events.h"

namespace nmshd::backbone::content {

namespace {

using storage::Condition;

constexpr std::string_view kRecord = "File";
constexpr std::string_view kPrefix = core::backbone_ids::kFile;
constexpr std::size_t kMaxCipherHashBytes = 128;
constexpr std::size_t kMaxOwnerSignatureBytes = 512;
constexpr std::size_t kMaxEncryptedPropertiesBytes = 1024 * 1024;

std::string NewOwnershipToken() {
  return crypto::RandomString(kOwnershipTokenLength, kOwnershipTokenAlphabet);
}

bool IsValidOwnershipToken(std::string_view token) {
  if (token.empty() || token.size() > kOwnershipTokenLength) return false;
  for (char c : token) {
    if (kOwnershipTokenAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// FilesRepository.Get: not expired, not deleted.
std::optional<json::object> FindFile(storage::Transaction& tx, const BackboneContext& ctx,
                                     std::string_view id) {
  auto doc = tx.Get(kFiles, id);
  if (!doc || StoredDate(doc->at("expiresAt")) <= ctx.now()) return std::nullopt;
  return doc;
}

json::object RequireFile(storage::Transaction& tx, const BackboneContext& ctx,
                         std::string_view id) {
  auto doc = FindFile(tx, ctx, id);
  if (!doc) throw RecordNotFound(kRecord);
  return std::move(*doc);
}

std::string RequiredField(const std::vector<FormPart>& parts, std::string_view name) {
  const auto* part = FindPart(parts, name);
  if (part == nullptr) {
    throw CannotBeParsed(name, "The " + std::string(name) + " field is required.");
  }
  return part->data;
}

std::string RequiredToken(const json::object& body) {
  auto token = RequiredString(body, "ownershipToken");
  return token;
}

void ValidateTokenFormat(std::string_view file_id, const std::string& token) {
  RequireId(file_id, kPrefix, "fileId");
  if (token.empty()) throw InvalidPropertyValue("'ownershipToken' must not be empty.");
  if (!IsValidOwnershipToken(token)) throw InvalidPropertyValue("Invalid ownership token.");
}

void LockFile(storage::Transaction& tx, std::string_view id) {
  tx.Lock("file:" + std::string(id));
}

void EmitLocked(storage::Transaction& tx, const BackboneContext& ctx, const json::object& doc) {
  AppendExternalEvent(
      tx, ctx,
      NewExternalEvent{Str(doc, "owner"), "FileOwnershipLocked",
                       json::object{{"fileId", doc.at("id")}}, std::nullopt, false});
}

}  // namespace

json::object FileMetadataDto(const json::object& doc) {
  json::object dto;
  for (auto key :
       {"id", "createdAt", "createdBy", "createdByDevice", "modifiedAt", "modifiedBy",
        "modifiedByDevice", "deletedAt", "deletedBy", "deletedByDevice", "owner", "ownerSignature",
        "ownershipIsLocked", "cipherSize", "cipherHash", "expiresAt", "encryptedProperties"}) {
    dto[key] = doc.at(key);
  }
  return dto;
}

json::object UploadFile(const BackboneContext& ctx, const Caller& caller,
                        std::string_view content_type, std::string_view body) {
  auto parts = ParseMultipartFormData(content_type, body);
  // Binding of CreateFileDTO (all members required).
  const auto* content = FindPart(parts, "content");
  if (content == nullptr) throw CannotBeParsed("content", "The content field is required.");
  auto owner_signature_text = RequiredField(parts, "ownerSignature");
  auto cipher_hash_text = RequiredField(parts, "cipherHash");
  auto expires_at_text = RequiredField(parts, "expiresAt");
  auto encrypted_properties_text = RequiredField(parts, "encryptedProperties");
  TimePoint expires_at;
  try {
    expires_at = core::CoreDate::Parse(expires_at_text).time();
  } catch (const CodedError&) {
    throw CannotBeParsed("expiresAt", "The value '" + expires_at_text + "' is not valid.");
  }

  // CreateFileDTOValidator. It sets no error code, so FluentValidation's default (the validator's
  // name) is what the official server answers.
  auto max_content = static_cast<std::size_t>(ctx.config.limits.maxContentBytes);
  if (content->data.empty() || content->data.size() > max_content) {
    throw CodedError("InclusiveBetweenValidator",
                     "'Content Length' must be between 1 and " + std::to_string(max_content) +
                         ". You entered " + std::to_string(content->data.size()) + ".");
  }
  auto cipher_hash = DecodeBytes(cipher_hash_text, "cipherHash");
  auto owner_signature = DecodeBytes(owner_signature_text, "ownerSignature");
  auto encrypted_properties = DecodeBytes(encrypted_properties_text, "encryptedProperties");

  // CreateFileCommand validator.
  if (cipher_hash.size < 1 || cipher_hash.size > kMaxCipherHashBytes) {
    throw WrongNumberOfBytes("cipherHash", 1, kMaxCipherHashBytes, cipher_hash.size);
  }
  auto now = ctx.now();
  if (expires_at <= now) throw InvalidPropertyValue("'expiresAt' must be in the future.");
  if (owner_signature.size < 1 || owner_signature.size > kMaxOwnerSignatureBytes) {
    throw WrongNumberOfBytes("ownerSignature", 1, kMaxOwnerSignatureBytes, owner_signature.size);
  }
  if (encrypted_properties.size > kMaxEncryptedPropertiesBytes) {
    throw WrongNumberOfBytes("encryptedProperties", 0, kMaxEncryptedPropertiesBytes,
                             encrypted_properties.size);
  }

  auto id = core::GenerateBackboneId(kPrefix);
  auto token = NewOwnershipToken();
  json::object doc;
  doc["id"] = id;
  doc["createdAt"] = Iso(now);
  doc["createdBy"] = caller.address;
  doc["createdByDevice"] = caller.device_id;
  doc["modifiedAt"] = Iso(now);
  doc["modifiedBy"] = caller.address;
  doc["modifiedByDevice"] = caller.device_id;
  doc["deletedAt"] = nullptr;
  doc["deletedBy"] = nullptr;
  doc["deletedByDevice"] = nullptr;
  doc["owner"] = caller.address;
  doc["ownerSignature"] = owner_signature.b64u;
  doc["ownershipToken"] = token;
  doc["ownershipIsLocked"] = false;
  doc["lastOwnershipClaimAt"] = nullptr;
  doc["cipherSize"] = static_cast<std::int64_t>(content->data.size());
  doc["cipherHash"] = cipher_hash.b64u;
  doc["expiresAt"] = Iso(expires_at);
  doc["encryptedProperties"] = encrypted_properties.b64u;
  ctx.db.WithTransaction([&](storage::Transaction& tx) {
    tx.Insert(kFiles, id, doc);
    tx.Insert(kFileContents, id, json::object{{"content", base64::EncodeUrlNoPad(content->data)}});
  });

  json::object dto;
  for (auto key : {"id", "createdAt", "createdBy", "createdByDevice", "modifiedAt", "modifiedBy",
                   "deletedAt", "deletedBy", "owner", "ownerSignature", "ownershipToken",
                   "cipherSize", "cipherHash", "expiresAt"}) {
    dto[key] = doc.at(key);
  }
  return dto;
}

std::string DownloadFile(const BackboneContext& ctx, const Caller& /*caller*/,
                         std::string_view id) {
  RequireId(id, kPrefix, "id");
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  RequireFile(*tx, ctx, id);
  auto content = tx->Get(kFileContents, id);
  if (!content) throw RecordNotFound(kRecord);
  return base64::ToString(base64::DecodeUrlNoPad(Str(*content, "content")));
}

json::object GetFileMetadata(const BackboneContext& ctx, const Caller& /*caller*/,
                             std::string_view id) {
  RequireId(id, kPrefix, "id");
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  return FileMetadataDto(RequireFile(*tx, ctx, id));
}

http::Response ListFileMetadata(const BackboneContext& ctx, const Caller& caller,
                                const http::Request& request) {
  auto ids = QueryList(request, "ids");
  ReadPage(request, ctx);
  for (const auto& id : ids) RequireId(id, kPrefix, "ids");
  std::vector<json::object> result;
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  auto mine = [&](const json::object& doc) {
    return Str(doc, "createdBy") == caller.address && StoredDate(doc.at("expiresAt")) > ctx.now();
  };
  if (ids.empty()) {
    for (auto& d :
         tx->Find(kFiles,
                  storage::Query().Where(
                      Condition::Equals("createdBy", json::string(caller.address)).ScalarOnly()))) {
      if (mine(d.body)) result.push_back(FileMetadataDto(d.body));
    }
  } else {
    std::set<std::string> seen;
    for (const auto& id : ids) {
      if (!seen.insert(id).second) continue;
      auto doc = tx->Get(kFiles, id);
      if (doc && mine(*doc)) result.push_back(FileMetadataDto(*doc));
    }
  }
  tx.reset();
  return PagedByCreatedAt(std::move(result), request, ctx);
}

void DeleteFile(const BackboneContext& ctx, const Caller& caller, std::string_view id) {
  RequireId(id, kPrefix, "id");
  ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto doc = RequireFile(tx, ctx, id);
    if (Str(doc, "createdBy") != caller.address) {
      throw Forbidden("You are not allowed to perform this action due to insufficient privileges.");
    }
    tx.Delete(kFiles, id);
    tx.Delete(kFileContents, id);
  });
}

json::object ValidateOwnershipToken(const BackboneContext& ctx, const Caller& caller,
                                    std::string_view id, const json::object& body) {
  auto token = RequiredToken(body);
  ValidateTokenFormat(id, token);
  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockFile(tx, id);
    auto doc = RequireFile(tx, ctx, id);
    bool valid = false;
    if (doc.at("ownershipIsLocked").as_bool()) {
      valid = false;
    } else if (Str(doc, "ownershipToken") == token) {
      valid = true;
    } else if (Str(doc, "owner") != caller.address) {
      doc["ownershipIsLocked"] = true;
      tx.Replace(kFiles, id, doc);
      EmitLocked(tx, ctx, doc);
    }
    return json::object{{"isValid", valid}};
  });
}

json::object RegenerateOwnershipToken(const BackboneContext& ctx, const Caller& caller,
                                      std::string_view id) {
  RequireId(id, kPrefix, "fileId");
  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    LockFile(tx, id);
    auto doc = RequireFile(tx, ctx, id);
    if (Str(doc, "owner") != caller.address) {
      throw Forbidden("You are not allowed to perform this action due to insufficient privileges.");
    }
    doc["ownershipToken"] = NewOwnershipToken();
    doc["ownershipIsLocked"] = false;
    tx.Replace(kFiles, id, doc);
    return json::object{{"newOwnershipToken", doc.at("ownershipToken")}};
  });
}

json::object ClaimFileOwnership(const BackboneContext& ctx, const Caller& caller,
                                std::string_view id, const json::object& body) {
  auto token = RequiredToken(body);
  ValidateTokenFormat(id, token);
  std::optional<CodedError> after_commit;
  auto result = ctx.db.WithTransaction([&](storage::Transaction& tx) -> json::object {
    LockFile(tx, id);
    auto doc = RequireFile(tx, ctx, id);
    auto forbidden =
        Forbidden("You are not allowed to perform this action due to insufficient privileges.");
    if (Str(doc, "owner") == caller.address) {
      throw Validation("error.platform.validation.file.cannotClaimOwnershipOfOwnFile",
                       "You cannot claim the ownership of a file you already own.");
    }
    if (doc.at("ownershipIsLocked").as_bool()) throw forbidden;
    if (Str(doc, "ownershipToken") != token) {
      // The official entity raises FileOwnershipLockedDomainEvent twice here (property setter and
      // explicit call); one external event carries the same information.
      doc["ownershipIsLocked"] = true;
      tx.Replace(kFiles, id, doc);
      EmitLocked(tx, ctx, doc);
      after_commit = forbidden;
      return {};
    }
    auto old_owner = Str(doc, "owner");
    doc["lastOwnershipClaimAt"] = Iso(ctx.now());
    doc["owner"] = caller.address;
    doc["ownershipToken"] = NewOwnershipToken();
    doc["ownershipIsLocked"] = false;
    tx.Replace(kFiles, id, doc);
    AppendExternalEvent(
        tx, ctx,
        NewExternalEvent{old_owner, "FileOwnershipClaimed",
                         json::object{{"fileId", id}, {"newOwnerAddress", caller.address}},
                         std::nullopt, false});
    return json::object{{"newOwnershipToken", doc.at("ownershipToken")}};
  });
  if (after_commit) throw *after_commit;
  return result;
}

void RegisterFileRoutes(ApiRoutes& routes, BackboneContext& ctx) {
  const BackboneContext* c = &ctx;
  routes.Authenticated("POST", "/api/v2/Files", [c](http::Request& request, const Caller& caller) {
    return Result(UploadFile(*c, caller, request.Header("Content-Type").value_or(""), request.body),
                  201);
  });
  routes.Authenticated("GET", "/api/v2/Files", [c](http::Request& request, const Caller& caller) {
    return ListFileMetadata(*c, caller, request);
  });
  routes.Authenticated(
      "GET", "/api/v2/Files/{id}", [c](http::Request& request, const Caller& caller) {
        return http::Response::Bytes(200, "application/octet-stream",
                                     DownloadFile(*c, caller, request.PathParam("id")));
      });
  routes.Authenticated("GET", "/api/v2/Files/{id}/Metadata",
                       [c](http::Request& request, const Caller& caller) {
                         return Result(GetFileMetadata(*c, caller, request.PathParam("id")));
                       });
  routes.Authenticated("DELETE", "/api/v2/Files/{id}",
                       [c](http::Request& request, const Caller& caller) {
                         DeleteFile(*c, caller, request.PathParam("id"));
                         return Empty();
                       });
  routes.Authenticated("POST", "/api/v2/Files/{id}/ValidateOwnershipToken",
                       [c](http::Request& request, const Caller& caller) {
                         return Result(ValidateOwnershipToken(*c, caller, request.PathParam("id"),
                                                              JsonBody(request)));
                       });
  routes.Authenticated(
      "PATCH", "/api/v2/Files/{id}/RegenerateOwnershipToken",
      [c](http::Request& request, const Caller& caller) {
        return Result(RegenerateOwnershipToken(*c, caller, request.PathParam("id")));
      });
  routes.Authenticated(
      "PATCH", "/api/v2/Files/{id}/ClaimOwnership",
      [c](http::Request& request, const Caller& caller) {
        return Result(ClaimFileOwnership(*c, caller, request.PathParam("id"), JsonBody(request)));
      });
}

}  // namespace nmshd::backbone::content
