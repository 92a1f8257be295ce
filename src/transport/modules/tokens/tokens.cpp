#include "transport/modules/tokens/tokens.h"

#include "base/coded_error.h"
#include "base/js_json.h"
#include "core/core_date.h"
#include "transport/modules/tokens/list_filter.h"
#include "transport/modules/tokens/request_checks.h"
#include "transport/modules/tokens/runtime_errors.h"
#include "transport/transmission/token_content.h"

namespace nmshd::transport {

namespace js = boost::json;

namespace {

std::string SecretsContext(const std::string& id) { return std::string(Tokens::kCollection) + "/" + id + "/secrets"; }

std::string NormalDate(std::string_view text) { return core::CoreDate::Parse(text).ToString(); }

std::optional<std::string> OptionalString(const js::object& o, std::string_view key) {
  const auto* v = json::Find(o, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

}  // namespace

Tokens::Tokens(TransportContext& ctx) : ctx_(ctx) {}

boost::json::object Tokens::CreateOwn(const boost::json::value& body) {
  request_checks::CheckCreationRequest(body, request_checks::CreateOwnTokenSchema());
  const auto& o = body.as_object();
  const auto& content = o.at("content");
  if (!content.is_object()) {
    throw CodedError("error.runtime.invalidTokenContent", "The given Token has an invalid content for this route.");
  }
  TokenSendParameters parameters;
  parameters.content = content.as_object();
  parameters.expires_at = NormalDate(o.at("expiresAt").as_string());
  parameters.ephemeral = o.at("ephemeral").as_bool();
  parameters.for_identity = OptionalString(o, "forIdentity");
  parameters.password_protection = PasswordProtectionRequest::FromJson(json::Find(o, "passwordProtection"));
  try {
    // Serializable.fromUnknown(content) of the use case: a transport token type must be valid.
    SerializeTokenContent(parameters.content);
  } catch (const CodedError&) {
    throw CodedError("error.runtime.invalidTokenContent", "The given Token has an invalid content for this route.");
  }
  return ToDto(Send(parameters), parameters.ephemeral);
}

LocalToken Tokens::Send(const TokenSendParameters& parameters) {
  const std::string serialized = SerializeTokenContent(parameters.content);
  auto key = crypto::SecretKey::Generate();
  const std::string cipher = SealTokenContent(parameters.content, key);
  std::optional<LocalPasswordProtection> protection;
  if (parameters.password_protection) protection = LocalPasswordProtection::Create(*parameters.password_protection);

  js::object request{{"content", cipher}, {"expiresAt", parameters.expires_at}};
  if (parameters.for_identity) request["forIdentity"] = *parameters.for_identity;
  if (protection) request["password"] = protection->BackboneHash();
  const auto response =
      RuntimeBackboneCall([&] { return ctx_.backbone.Post("/api/v2/Tokens", request).as_object(); });

  LocalToken token{std::string(json::RequireString(response, "id", "token")),
                   true,
                   ctx_.account.address(),
                   ctx_.account.device().id,
                   NormalDate(json::RequireString(response, "createdAt", "token")),
                   parameters.expires_at,
                   parameters.for_identity,
                   std::move(protection),
                   json::Parse(serialized, "token content"),
                   std::move(key)};
  if (!parameters.ephemeral) ctx_.db.Insert(kCollection, token.id, ToDocument(token));
  return token;
}

boost::json::object Tokens::LoadPeer(const boost::json::value& body) {
  request_checks::CheckLoadPeerRequest(body, false);
  const auto& o = body.as_object();
  const auto reference = core::Reference::Parse(o.at("reference").as_string(), core::ReferenceKind::kToken);
  const bool ephemeral = o.at("ephemeral").as_bool();
  return ToDto(LoadPeerByReference(reference, ephemeral, OptionalString(o, "password")), ephemeral);
}

LocalToken Tokens::LoadPeerByReference(const core::Reference& reference, bool ephemeral,
                                       const std::optional<std::string>& password) {
  const auto& shared = reference.password_protection();
  if (shared && !shared->password() && !password) {
    throw CodedError("error.transport.noPasswordProvided", "You need to provide a password to perform this operation.");
  }
  std::optional<LocalPasswordProtection> protection;
  if (shared) protection = LocalPasswordProtection::FromShared(*shared, password ? *password : *shared->password());

  const auto& id = reference.id();
  auto existing = Find(id);
  const auto& truncated = reference.for_identity_truncated();
  if (!existing && truncated && !ctx_.account.address().ends_with(*truncated)) {
    throw CodedError("error.transport.general.notIntendedForYou",
                     "You tried to access personalized content '" + id +
                         "'. You are either not logged in or the content is not intended for you.");
  }
  if (existing) return std::move(*existing);

  QueryParams query;
  if (protection) query.emplace_back("password", protection->BackboneHash());
  const auto backbone_token =
      RuntimeBackboneCall([&] { return ctx_.backbone.Get("/api/v2/Tokens/" + id, query).as_object(); });
  const auto content = OptionalString(backbone_token, "content");
  const auto created_by = OptionalString(backbone_token, "createdBy");
  const auto created_by_device = OptionalString(backbone_token, "createdByDevice");
  if (!content || !created_by || !created_by_device) {
    throw CodedError("error.transport.tokens.emptyToken",
                     "The content, createdBy and/or createdByDevice of the Token '" + id + "' are empty.");
  }
  LocalToken token{id,
                   false,
                   *created_by,
                   *created_by_device,
                   NormalDate(json::RequireString(backbone_token, "createdAt", "token")),
                   NormalDate(json::RequireString(backbone_token, "expiresAt", "token")),
                   OptionalString(backbone_token, "forIdentity"),
                   std::move(protection),
                   OpenTokenContent(*content, reference.key()),
                   reference.key()};
  // Upsert: a concurrent load of the same token stores the same record.
  if (!ephemeral) ctx_.db.Upsert(kCollection, token.id, ToDocument(token));
  return token;
}

boost::json::object Tokens::GetDto(const std::string& id) {
  request_checks::CheckIdParameter("id", id, "TOK");
  auto token = Find(id);
  if (!token) throw RecordNotFound("Token");
  return ToDto(*token, false);
}

boost::json::array Tokens::List(const std::vector<std::pair<std::string, std::string>>& query,
                                std::optional<bool> is_own) {
  request_checks::CheckListQuery(query, false);
  storage::Query q;
  q.filter = BuildListFilter(query, false, is_own);
  js::array result;
  for (const auto& doc : ctx_.db.Find(kCollection, q)) result.push_back(ToDto(FromDocument(doc.id, doc.body), false));
  return result;
}

void Tokens::Delete(const std::string& id) {
  request_checks::CheckIdParameter("tokenId", id, "TOK");
  auto token = Find(id);
  if (!token) throw RecordNotFound("Token");
  if (token->is_own) RuntimeBackboneCall([&] { ctx_.backbone.Delete("/api/v2/Tokens/" + id); });
  ctx_.db.Delete(kCollection, id);
}

std::optional<LocalToken> Tokens::Find(const std::string& id) {
  auto doc = ctx_.db.Get(kCollection, id);
  if (!doc) return std::nullopt;
  return FromDocument(id, *doc);
}

core::Reference Tokens::ReferenceOf(const LocalToken& token) const {
  std::optional<std::string> truncated;
  if (token.for_identity && token.for_identity->size() >= 4) truncated = token.for_identity->substr(token.for_identity->size() - 4);
  std::optional<core::SharedPasswordProtection> shared;
  if (token.password_protection) shared = token.password_protection->ToShared();
  return core::Reference(core::ReferenceKind::kToken, token.id, ctx_.base_url, token.secret_key, truncated, shared);
}

boost::json::object Tokens::ToDto(const LocalToken& token, bool ephemeral) const {
  js::object dto{{"id", token.id},
                 {"isOwn", token.is_own},
                 {"createdBy", token.created_by},
                 {"createdByDevice", token.created_by_device},
                 {"content", token.content},
                 {"createdAt", token.created_at},
                 {"expiresAt", token.expires_at}};
  if (token.for_identity) dto["forIdentity"] = *token.for_identity;
  if (token.password_protection) dto["passwordProtection"] = token.password_protection->ToDto();
  const auto reference = ReferenceOf(token);
  dto["reference"] = js::object{{"truncated", reference.Truncate()}, {"url", reference.ToUrl()}};
  dto["isEphemeral"] = ephemeral;
  return dto;
}

void Tokens::DeleteTokensCreatedBy(storage::Transaction& tx, const std::string& peer) {
  for (const auto& doc :
       tx.Find(kCollection, storage::Query().Where(storage::Condition::Equals("createdBy", js::string(peer))))) {
    tx.Delete(kCollection, doc.id);
  }
}

boost::json::object Tokens::ToDocument(const LocalToken& token) const {
  js::object doc{{"id", token.id},
                 {"isOwn", token.is_own},
                 {"createdBy", token.created_by},
                 {"createdByDevice", token.created_by_device},
                 {"content", token.content},
                 {"createdAt", token.created_at},
                 {"expiresAt", token.expires_at}};
  if (token.for_identity) doc["forIdentity"] = *token.for_identity;
  js::object secrets{{"secretKey", token.secret_key.ToJson()}};
  if (token.password_protection) {
    doc["passwordProtection"] = token.password_protection->ToDto();
    if (token.password_protection->location_indicator) {
      doc["_passwordLocationIndicator"] = *token.password_protection->location_indicator;
    }
    secrets["passwordProtection"] = token.password_protection->SecretPart();
  }
  doc["secrets"] = ctx_.box.Seal(secrets, SecretsContext(token.id));
  return doc;
}

LocalToken Tokens::FromDocument(const std::string& id, const boost::json::object& doc) const {
  constexpr std::string_view kWhat = "token";
  const auto secrets = ctx_.box.Open(json::RequireString(doc, "secrets", kWhat), SecretsContext(id));
  std::optional<LocalPasswordProtection> protection;
  if (const auto* dto = json::Find(doc, "passwordProtection")) {
    protection = LocalPasswordProtection::FromStored(json::AsObject(*dto, kWhat),
                                                     json::AsObject(secrets.at("passwordProtection"), kWhat));
  }
  const auto* content = json::Find(doc, "content");
  return LocalToken{id,
                    doc.at("isOwn").as_bool(),
                    std::string(json::RequireString(doc, "createdBy", kWhat)),
                    std::string(json::RequireString(doc, "createdByDevice", kWhat)),
                    std::string(json::RequireString(doc, "createdAt", kWhat)),
                    std::string(json::RequireString(doc, "expiresAt", kWhat)),
                    OptionalString(doc, "forIdentity"),
                    std::move(protection),
                    content != nullptr ? *content : js::value(),
                    crypto::SecretKey::FromJson(secrets.at("secretKey"))};
}

}  // namespace nmshd::transport
