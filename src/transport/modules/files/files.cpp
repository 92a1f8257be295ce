#include "transport/modules/files/files.h"

#include <set>

#include "base/coded_error.h"
#include "core/backbone_ids.h"
#include "core/core_date.h"
#include "storage/regex_matcher.h"
#include "transport/modules/files/file_tags.h"
#include "transport/modules/files/use_case_support.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/modules/tokens/request_checks.h"
#include "transport/transmission/file_seal.h"
#include "transport/transmission/token_content.h"

namespace nmshd::transport {
namespace {

namespace js = boost::json;
using use_case::InvalidPropertyValue;
using use_case::RecordNotFound;
using use_case::TranslateBackboneErrors;

constexpr std::string_view kFileIdPattern = "FIL[A-Za-z0-9]{17}";
// UploadOwnFile's default when no expiresAt is given.
constexpr std::string_view kDefaultExpiry = "9999-12-31T00:00:00.000Z";

std::string SecretsContext(std::string_view id) {
  return std::string(Files::kCollection) + "/" + std::string(id) + "/secrets";
}

std::string NormalizedDate(const js::value& v) { return core::CoreDate::Parse(std::string(v.as_string())).ToString(); }

const js::string* StringMember(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? &v->as_string() : nullptr;
}

void RequireFileId(std::string_view id, std::string_view member) {
  if (!use_case::IsFileIdString(id)) {
    throw InvalidPropertyValue(std::string(member) + " must match pattern " + std::string(kFileIdPattern));
  }
}

// ajv's uniqueItems message: it scans from the end and names the later index first.
void RequireUniqueTags(const std::vector<std::string>& tags) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = tags.size(); i-- > 0;) {
    auto it = seen.find(tags[i]);
    if (it != seen.end()) {
      throw InvalidPropertyValue("tags must NOT have duplicate items (items ## " + std::to_string(it->second) +
                                 " and " + std::to_string(i) + " are identical)");
    }
    seen[tags[i]] = i;
  }
}

// GetOrLoadFileRequest: a string member `reference` matching one of the four reference patterns,
// `password` a string. The schema's errorMessage replaces every failure by one text. (The URL
// patterns' class [a-zA-Z0-9-_] is written [a-zA-Z0-9_-]: the same set, which Boost.Regex accepts.)
bool IsLoadableReference(std::string_view text) {
  static const storage::RegexMatcher token("VE9L.{84}", false);
  static const storage::RegexMatcher file("RklM.{84}", false);
  static const storage::RegexMatcher token_url("^https?:\\/\\/.*\\/r\\/TOK[a-zA-Z0-9]+(\\?app=.+)?#[a-zA-Z0-9_-]+$",
                                               false);
  static const storage::RegexMatcher file_url("^https?:\\/\\/.*\\/r\\/FIL[a-zA-Z0-9]+(\\?app=.+)?#[a-zA-Z0-9_-]+$",
                                              false);
  return token.Search(text) || file.Search(text) || token_url.Search(text) || file_url.Search(text);
}

js::object BuildPeerMembers(const std::string& id, bool is_own, const js::object& meta, const FileMetadata& fm) {
  js::object m;
  m["id"] = id;
  m["isOwn"] = is_own;
  m["filename"] = fm.filename;
  if (fm.tags) {
    js::array tags;
    for (const auto& t : *fm.tags) tags.emplace_back(t);
    m["tags"] = std::move(tags);
  }
  m["filesize"] = fm.filesize;
  m["createdAt"] = NormalizedDate(meta.at("createdAt"));
  m["createdBy"] = meta.at("createdBy");
  m["createdByDevice"] = meta.at("createdByDevice");
  m["expiresAt"] = NormalizedDate(meta.at("expiresAt"));
  m["mimetype"] = fm.mimetype;
  if (fm.title) m["title"] = *fm.title;
  if (fm.description) m["description"] = *fm.description;
  m["owner"] = meta.at("owner");
  m["_cipherHash"] = meta.at("cipherHash");
  m["_plaintextHash"] = fm.plaintext_hash;
  m["_ownerSignature"] = meta.at("ownerSignature");
  if (fm.filemodified) m["_filemodified"] = fm.filemodified->ToString();
  return m;
}

}  // namespace

std::string LocalFile::filename() const { return std::string(members.at("filename").as_string()); }
std::string LocalFile::mimetype() const { return std::string(members.at("mimetype").as_string()); }

Files::Files(TransportContext& ctx, Tokens& tokens) : ctx_(ctx), tokens_(tokens) {}

LocalFile Files::Open(const js::object& doc) const {
  const std::string id(doc.at("id").as_string());
  const auto secrets = ctx_.box.Open(doc.at("secrets").as_string(), SecretsContext(id));
  js::object members = doc;
  members.erase("secrets");
  LocalFile file{.id = id,
                 .is_own = doc.at("isOwn").as_bool(),
                 .members = std::move(members),
                 .secret_key = crypto::SecretKey::FromJson(secrets.at("secretKey")),
                 .cipher_key = crypto::SecretKey::FromJson(secrets.at("cipherKey")),
                 .cipher_hash = std::string(doc.at("_cipherHash").as_string()),
                 .plaintext_hash = std::string(doc.at("_plaintextHash").as_string())};
  return file;
}

js::object Files::ToDocument(const LocalFile& file) const {
  js::object doc = file.members;
  doc["id"] = file.id;
  doc["isOwn"] = file.is_own;
  doc["_cipherHash"] = file.cipher_hash;
  doc["_plaintextHash"] = file.plaintext_hash;
  doc["secrets"] = ctx_.box.Seal(
      js::object{{"secretKey", file.secret_key.ToJson(false)}, {"cipherKey", file.cipher_key.ToJson(false)}},
      SecretsContext(file.id));
  return doc;
}

void Files::Update(storage::Transaction& tx, const LocalFile& file) {
  tx.Replace(kCollection, file.id, ToDocument(file));
}

std::optional<LocalFile> Files::Find(const std::string& id) {
  auto doc = ctx_.db.Get(kCollection, id);
  if (!doc) return std::nullopt;
  return Open(*doc);
}

std::optional<LocalFile> Files::Find(storage::Transaction& tx, const std::string& id) {
  auto doc = tx.Get(kCollection, id);
  if (!doc) return std::nullopt;
  return Open(*doc);
}

core::Reference Files::ReferenceOf(const LocalFile& file) const {
  return core::Reference(core::ReferenceKind::kFile, file.id, ctx_.base_url, file.secret_key);
}

js::object Files::ToDto(const LocalFile& file) const {
  const auto& m = file.members;
  js::object dto;
  auto copy = [&](std::string_view key) {
    if (const auto* v = m.if_contains(key)) dto[key] = *v;
  };
  dto["id"] = file.id;
  dto["isOwn"] = file.is_own;
  copy("filename");
  copy("tags");
  copy("filesize");
  copy("createdAt");
  copy("createdBy");
  copy("createdByDevice");
  copy("expiresAt");
  copy("mimetype");
  copy("title");
  copy("description");
  const auto reference = ReferenceOf(file);
  dto["reference"] = js::object{{"truncated", reference.Truncate()}, {"url", reference.ToUrl()}};
  copy("owner");
  copy("ownershipToken");
  copy("ownershipIsLocked");
  return dto;
}

void Files::ValidateTags(const std::vector<std::string>& tags) {
  if (tags.empty()) return;
  js::value collection;
  const js::object* tags_for_type = nullptr;
  if (NeedsTagCollection(tags)) {
    collection = ctx_.tags.Get();
    if (collection.is_object()) {
      const auto* types = collection.as_object().if_contains("tagsForAttributeValueTypes");
      const auto* for_type =
          types != nullptr && types->is_object() ? types->as_object().if_contains("IdentityFileReference") : nullptr;
      if (for_type != nullptr && for_type->is_object()) tags_for_type = &for_type->as_object();
    }
  }
  CheckFileTags(tags, tags_for_type);
}

js::object Files::UploadOwn(const UploadFileInput& input) {
  // The JSON schema (required members first, then the members in schema order), then the
  // Validator's own checks in its order.
  if (!input.content) throw InvalidPropertyValue("must have required property 'content'");
  if (!input.filename) throw InvalidPropertyValue("must have required property 'filename'");
  if (!input.mimetype) throw InvalidPropertyValue("must have required property 'mimetype'");
  if (input.expires_at && !use_case::IsIso8601DateTimeString(*input.expires_at)) {
    throw InvalidPropertyValue("expiresAt must match ISO8601 datetime format");
  }
  if (input.tags) RequireUniqueTags(*input.tags);
  if (input.content->size() > kMaxPlainFileSize) throw InvalidPropertyValue("'content' is too large");
  const auto expires_at = core::CoreDate::Parse(input.expires_at ? *input.expires_at : std::string(kDefaultExpiry));
  if (input.expires_at && expires_at <= core::CoreDate::Now()) {
    throw InvalidPropertyValue("'expiresAt' must be in the future");
  }
  if (input.tags) ValidateTags(*input.tags);

  const auto& content = *input.content;
  const auto sealed = SealFile(std::span(reinterpret_cast<const std::uint8_t*>(content.data()), content.size()),
                               FileSealInput{.filename = *input.filename,
                                             .mimetype = *input.mimetype,
                                             .title = input.title,
                                             .description = input.description,
                                             .tags = input.tags,
                                             .filemodified = std::nullopt,
                                             .expires_at = expires_at},
                               ctx_.account.device_keys().privateKey());
  const std::vector<MultipartPart> parts = {
      {"content", std::string(sealed.cipher_blob.begin(), sealed.cipher_blob.end()), "cipher.bin", std::nullopt},
      {"cipherHash", sealed.cipher_hash, std::nullopt, std::nullopt},
      {"owner", ctx_.account.address(), std::nullopt, std::nullopt},
      {"ownerSignature", sealed.owner_signature, std::nullopt, std::nullopt},
      {"expiresAt", sealed.expires_at, std::nullopt, std::nullopt},
      {"encryptedProperties", sealed.encrypted_properties, std::nullopt, std::nullopt},
  };
  const auto response = TranslateBackboneErrors([&] { return ctx_.backbone.PostMultipart("/api/v2/Files", parts); });
  const auto& r = response.as_object();

  const std::string id(r.at("id").as_string());
  js::object m;
  m["id"] = id;
  m["isOwn"] = true;
  m["filename"] = *input.filename;
  if (input.tags) {
    js::array tags;
    for (const auto& t : *input.tags) tags.emplace_back(t);
    m["tags"] = std::move(tags);
  }
  m["filesize"] = content.size();
  m["createdAt"] = NormalizedDate(r.at("createdAt"));
  m["createdBy"] = r.at("createdBy");
  m["createdByDevice"] = r.at("createdByDevice");
  m["expiresAt"] = NormalizedDate(r.at("expiresAt"));
  m["mimetype"] = *input.mimetype;
  if (input.title) m["title"] = *input.title;
  if (input.description) m["description"] = *input.description;
  m["owner"] = r.at("owner");
  if (const auto* token = StringMember(r, "ownershipToken")) m["ownershipToken"] = *token;
  m["_ownerSignature"] = sealed.owner_signature;

  LocalFile file{.id = id,
                 .is_own = true,
                 .members = std::move(m),
                 .secret_key = sealed.metadata_key,
                 .cipher_key = sealed.metadata.secret_key,
                 .cipher_hash = sealed.cipher_hash,
                 .plaintext_hash = sealed.metadata.plaintext_hash};
  ctx_.db.WithTransaction([&](storage::Transaction& tx) { tx.Insert(kCollection, id, ToDocument(file)); });
  return ToDto(file);
}

LocalFile Files::FetchPeer(const std::string& id, const crypto::SecretKey& metadata_key) {
  const auto meta = TranslateBackboneErrors([&] { return ctx_.backbone.Get("/api/v2/Files/" + id + "/metadata"); });
  const auto& m = meta.as_object();
  const auto metadata = OpenFileMetadata(m.at("encryptedProperties").as_string(), metadata_key);
  return LocalFile{.id = id,
                   .is_own = false,
                   .members = BuildPeerMembers(id, false, m, metadata),
                   .secret_key = metadata_key,
                   .cipher_key = metadata.secret_key,
                   .cipher_hash = std::string(m.at("cipherHash").as_string()),
                   .plaintext_hash = metadata.plaintext_hash};
}

void Files::StoreIfAbsent(storage::Transaction& tx, const LocalFile& file) {
  if (!tx.Get(kCollection, file.id)) tx.Insert(kCollection, file.id, ToDocument(file));
}

LocalFile Files::GetOrLoad(const std::string& id, const crypto::SecretKey& metadata_key) {
  if (auto local = Find(id)) return *local;
  auto fetched = FetchPeer(id, metadata_key);
  // A concurrent load of the same file may have stored it meanwhile; the first record stays.
  return ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    StoreIfAbsent(tx, fetched);
    return *Find(tx, id);
  });
}

js::object Files::LoadPeer(const js::value& body) {
  const js::string* reference = nullptr;
  const js::string* password = nullptr;
  bool valid = body.is_object();
  if (valid) {
    for (const auto& member : body.as_object()) {
      if (member.key() == "reference" && member.value().is_string()) {
        reference = &member.value().as_string();
      } else if (member.key() == "password" && member.value().is_string()) {
        password = &member.value().as_string();
      } else {
        valid = false;
      }
    }
  }
  if (!valid || reference == nullptr || !IsLoadableReference(*reference)) {
    throw InvalidPropertyValue("token / file reference invalid");
  }
  const auto parsed = core::Reference::Parse(*reference);
  if (core::IsBackboneId(parsed.id(), core::backbone_ids::kFile)) return ToDto(GetOrLoad(parsed.id(), parsed.key()));
  if (core::IsBackboneId(parsed.id(), core::backbone_ids::kToken)) {
    return LoadFromTokenReference(parsed, password ? std::optional<std::string>(*password) : std::nullopt);
  }
  throw CodedError("error.runtime.invalidReference",
                   "The given reference is invalid for performing the requested action.");
}

// TokenController.loadPeerTokenByReference(reference, ephemeral = true, password): nothing about
// the token is stored, only the file it points to.
js::object Files::LoadFromTokenReference(const core::Reference& reference, const std::optional<std::string>& password) {
  const auto token = tokens_.LoadPeerByReference(reference, true, password);
  const auto* type = token.content.is_object() ? StringMember(token.content.as_object(), "@type") : nullptr;
  if (type == nullptr || *type != TokenContentFile::kType) {
    throw CodedError("error.runtime.invalidTokenContent", "The given Token has an invalid content for this route.");
  }
  const auto file_content = TokenContentFile::FromJson(token.content);
  return ToDto(GetOrLoad(file_content.file_id, file_content.secret_key));
}

js::object Files::GetDto(const std::string& id) {
  RequireFileId(id, "id");
  auto file = Find(id);
  if (!file) throw RecordNotFound("File");
  return ToDto(*file);
}

js::object Files::GetOrLoadDto(const std::string& id_or_reference) {
  if (id_or_reference.starts_with("FIL")) return GetDto(id_or_reference);
  return LoadPeer(js::object{{"reference", id_or_reference}});
}

js::array Files::List(const storage::QueryParameters& query, std::optional<bool> is_own) {
  use_case::ValidateQueryKeys(query, {{"createdAt"},
                                      {"createdBy"},
                                      {"createdByDevice"},
                                      {"description"},
                                      {"expiresAt"},
                                      {"filename"},
                                      {"filesize"},
                                      {"mimetype"},
                                      {"title"},
                                      {"isOwn"},
                                      {"tags"},
                                      {"ownershipToken"},
                                      {"ownershipIsLocked", false}});
  // tags and ownershipToken are custom translations upstream: the raw values, no operators.
  storage::QueryParameters standard;
  std::vector<js::value> tags;
  std::vector<js::value> ownership_tokens;
  for (const auto& [key, value] : query) {
    if (key == "tags") {
      tags.emplace_back(value);
    } else if (key == "ownershipToken") {
      ownership_tokens.emplace_back(value);
    } else {
      standard.emplace_back(key, value);
    }
  }
  storage::Query q;
  q.filter = storage::ParseRestFilter(standard);
  if (tags.size() == 1) q.Where(storage::Condition::Equals("tags", tags.front()));
  if (tags.size() > 1) q.Where(storage::Condition::In("tags", tags));
  if (ownership_tokens.size() == 1) q.Where(storage::Condition::Equals("ownershipToken", ownership_tokens.front()));
  if (ownership_tokens.size() > 1) q.Where(storage::Condition::In("ownershipToken", ownership_tokens));
  if (is_own) q.Where(storage::Condition::Equals("isOwn", *is_own));
  q.OrderBy("createdAt");
  js::array result;
  for (const auto& doc : ctx_.db.Find(kCollection, q)) result.push_back(ToDto(Open(doc.body)));
  return result;
}

FileDownload Files::Download(const std::string& id) {
  RequireFileId(id, "id");
  auto file = Find(id);
  if (!file) throw RecordNotFound("File");
  const auto blob = TranslateBackboneErrors([&] { return ctx_.backbone.DownloadBytes("/api/v2/Files/" + id); });
  FileMetadata metadata{.title = std::nullopt,
                        .description = std::nullopt,
                        .filename = file->filename(),
                        .tags = std::nullopt,
                        .plaintext_hash = file->plaintext_hash,
                        .secret_key = file->cipher_key,
                        .filesize = 0,
                        .filemodified = std::nullopt,
                        .mimetype = file->mimetype()};
  const auto plain = OpenFileContent(std::span(reinterpret_cast<const std::uint8_t*>(blob.data()), blob.size()),
                                     metadata, file->cipher_hash);
  return FileDownload{std::string(plain.begin(), plain.end()), file->filename(), file->mimetype()};
}

void Files::Delete(const std::string& id) {
  RequireFileId(id, "fileId");
  auto file = Find(id);
  if (!file) throw RecordNotFound("File");
  if (file->is_own) TranslateBackboneErrors([&] { return ctx_.backbone.Delete("/api/v2/Files/" + id); });
  ctx_.db.Delete(kCollection, id);
}

js::object Files::RegenerateOwnershipToken(const std::string& id) {
  RequireFileId(id, "id");
  auto file = Find(id);
  if (!file) throw RecordNotFound("File");
  if (!file->is_own)
    throw CodedError("error.runtime.files.notOwnedByYou", "Only the owner of the File can perform this action.");
  const auto response = TranslateBackboneErrors(
      [&] { return ctx_.backbone.Call("PATCH", "/api/v2/Files/" + id + "/RegenerateOwnershipToken").result; });
  const std::string token(response.as_object().at("newOwnershipToken").as_string());
  return ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    auto current = Find(tx, id);
    if (!current) throw RecordNotFound("File");
    current->members["ownershipToken"] = token;
    current->members.erase("ownershipIsLocked");
    Update(tx, *current);
    return ToDto(*current);
  });
}

bool Files::ValidateOwnershipToken(const std::string& id, const std::string& token) {
  const auto response = TranslateBackboneErrors([&] {
    return ctx_.backbone.Post("/api/v2/Files/" + id + "/ValidateOwnershipToken", js::object{{"ownershipToken", token}});
  });
  return response.as_object().at("isValid").as_bool();
}

LocalFile Files::ClaimOwnership(storage::Transaction& tx, const LocalFile& file, const std::string& token) {
  const auto response = TranslateBackboneErrors([&] {
    return ctx_.backbone.Patch("/api/v2/Files/" + file.id + "/ClaimOwnership", js::object{{"ownershipToken", token}});
  });
  return StoreWithOwnershipToken(tx, file, std::string(response.as_object().at("newOwnershipToken").as_string()));
}

LocalFile Files::AdoptClaimedOwnership(storage::Transaction& tx, const LocalFile& file) {
  const auto response = TranslateBackboneErrors(
      [&] { return ctx_.backbone.Call("PATCH", "/api/v2/Files/" + file.id + "/RegenerateOwnershipToken").result; });
  return StoreWithOwnershipToken(tx, file, std::string(response.as_object().at("newOwnershipToken").as_string()));
}

LocalFile Files::StoreWithOwnershipToken(storage::Transaction& tx, const LocalFile& file, const std::string& token) {
  // updateFileFromBackbone: the Backbone's metadata under the keys I hold, isOwn by the new owner.
  auto updated = FetchPeer(file.id, file.secret_key);
  updated.is_own = updated.members.at("owner").as_string() == ctx_.account.address();
  updated.members["isOwn"] = updated.is_own;
  updated.members["ownershipToken"] = token;
  if (tx.Get(kCollection, file.id)) {
    Update(tx, updated);
  } else {
    tx.Insert(kCollection, file.id, ToDocument(updated));
  }
  return updated;
}

std::string Files::BackboneOwnerOf(const std::string& id) {
  const auto meta = TranslateBackboneErrors([&] { return ctx_.backbone.Get("/api/v2/Files/" + id + "/metadata"); });
  return std::string(meta.as_object().at("owner").as_string());
}

LocalFile Files::GetOrLoad(storage::Transaction& tx, const std::string& id, const crypto::SecretKey& metadata_key) {
  if (auto local = Find(tx, id)) return *local;
  auto fetched = FetchPeer(id, metadata_key);
  tx.Insert(kCollection, id, ToDocument(fetched));
  return fetched;
}

js::object Files::CreateToken(const std::string& id, const js::value& body, bool force_ephemeral) {
  RequireFileId(id, "fileId");
  using request_checks::Kind;
  static const request_checks::Schema password_protection{{{"password", Kind::kNonEmptyString},
                                                           {"passwordIsPin", Kind::kTrueConst},
                                                           {"passwordLocationIndicator", Kind::kAny}},
                                                          {"password"}};
  // CreateTokenForFileRequest without fileId, which the Connector takes from the URL.
  static const request_checks::Schema schema{{{"expiresAt", Kind::kIsoDate},
                                              {"ephemeral", Kind::kBoolean},
                                              {"forIdentity", Kind::kAddress},
                                              {"passwordProtection", Kind::kObject, &password_protection}},
                                             {}};
  request_checks::CheckCreationRequest(body, schema);
  const auto& b = body.as_object();
  auto file = Find(id);
  if (!file) throw RecordNotFound("File");
  const auto* expires_at = b.if_contains("expiresAt");
  const auto* ephemeral = b.if_contains("ephemeral");
  const auto* for_identity = b.if_contains("forIdentity");
  const bool is_ephemeral = force_ephemeral || ephemeral == nullptr || ephemeral->as_bool();
  TokenSendParameters parameters{
      .content = TokenContentFile{.file_id = file->id, .secret_key = file->secret_key}.ToJson(),
      .expires_at = expires_at != nullptr ? core::CoreDate::Parse(std::string(expires_at->as_string())).ToString()
                                          : std::string(file->members.at("expiresAt").as_string()),
      .ephemeral = is_ephemeral,
      .for_identity = for_identity != nullptr ? std::optional<std::string>(for_identity->as_string()) : std::nullopt,
      .password_protection = PasswordProtectionRequest::FromJson(b.if_contains("passwordProtection"))};
  const auto token = tokens_.Send(parameters);
  return tokens_.ToDto(token, is_ephemeral);
}

void Files::RegisterProcessors(SyncEngine& sync) {
  sync.Register("FileOwnershipLocked", [this](const ExternalEvent& event, EventApplier& applier) {
    const auto file_id = event.PayloadString("fileId");
    applier.Commit([&](storage::Transaction& tx, PendingEvents& pending) {
      auto file = Find(tx, file_id);
      if (!file) return;
      file->members["ownershipIsLocked"] = true;
      Update(tx, *file);
      pending.Add("transport.fileOwnershipLocked", ToDto(*file));
    });
  });
  sync.Register("FileOwnershipClaimed", [this](const ExternalEvent& event, EventApplier& applier) {
    const auto file_id = event.PayloadString("fileId");
    auto local = Find(file_id);
    if (!local) throw CodedError("error.transport.recordNotFound", "'File' not found.");
    // updateFileFromBackbone: the new owner's metadata, then clearOwnershipToken.
    auto updated = FetchPeer(file_id, local->secret_key);
    updated.is_own = updated.members.at("owner").as_string() == ctx_.account.address();
    updated.members["isOwn"] = updated.is_own;
    if (updated.is_own) {
      throw CodedError("error.transport.files.cannotClearOwnershipToken", "Cannot clear ownership token on own file.");
    }
    applier.Commit([&](storage::Transaction& tx, PendingEvents& pending) {
      if (!tx.Get(kCollection, file_id)) return;
      Update(tx, updated);
      pending.Add("transport.fileOwnershipClaimed", ToDto(updated));
    });
  });
}

}  // namespace nmshd::transport
