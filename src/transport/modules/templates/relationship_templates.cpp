#include "transport/modules/templates/relationship_templates.h"

#include <chrono>

#include "base/coded_error.h"
#include "base/iso_date.h"
#include "base/js_json.h"
#include "core/backbone_ids.h"
#include "core/core_date.h"
#include "core/identity_address.h"
#include "transport/modules/sync/sync_engine.h"
#include "transport/modules/templates/template_app_content.h"
#include "transport/modules/tokens/list_filter.h"
#include "transport/modules/tokens/request_checks.h"
#include "transport/modules/tokens/runtime_errors.h"
#include "transport/transmission/relationship_identity.h"
#include "transport/transmission/template_content.h"
#include "transport/transmission/template_public_key.h"

namespace nmshd::transport {

namespace js = boost::json;

namespace {

constexpr std::string_view kType = "RelationshipTemplate";
constexpr const char* kPeerLoaded = "transport.peerRelationshipTemplateLoaded";
constexpr const char* kExhausted = "transport.relationshipTemplateAllocationsExhausted";

std::string SecretsContext(const std::string& id) {
  return std::string(RelationshipTemplates::kCollection) + "/" + id + "/secrets";
}

std::string NormalDate(std::string_view text) { return core::CoreDate::Parse(text).ToString(); }

std::optional<std::string> OptionalString(const js::object& o, std::string_view key) {
  const auto* v = json::Find(o, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

std::optional<std::int64_t> OptionalCount(const js::object& o, std::string_view key) {
  const auto* v = json::Find(o, key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return static_cast<std::int64_t>(v->to_number<double>());
}

[[noreturn]] void NotIntendedForYou(const std::string& id) {
  throw CodedError("error.transport.general.notIntendedForYou",
                   "You tried to access personalized content '" + id +
                       "'. You are either not logged in or the content is not intended for you.");
}

[[noreturn]] void NoPasswordProvided() {
  throw CodedError("error.transport.noPasswordProvided", "You need to provide a password to perform this operation.");
}

}  // namespace

bool LocalTemplate::IsExpired() const {
  return !expires_at.empty() && core::CoreDate::Parse(expires_at).time() < NowMs();
}

RelationshipTemplates::RelationshipTemplates(TransportContext& ctx) : ctx_(ctx), tokens_(ctx) {}

std::optional<LocalTemplate> RelationshipTemplates::Find(const std::string& id) {
  auto doc = ctx_.db.Get(kCollection, id);
  if (!doc) return std::nullopt;
  return FromDocument(id, *doc);
}

std::optional<LocalTemplate> RelationshipTemplates::Find(storage::Transaction& tx, const std::string& id) {
  auto doc = tx.Get(kCollection, id);
  if (!doc) return std::nullopt;
  return FromDocument(id, *doc);
}

LocalTemplate RelationshipTemplates::Get(const std::string& id) {
  auto t = Find(id);
  if (!t) throw RecordNotFound(kType);
  return std::move(*t);
}

boost::json::object RelationshipTemplates::CreateOwn(const boost::json::value& body) {
  request_checks::CheckCreationRequest(body, request_checks::CreateOwnTemplateSchema());
  const auto& o = body.as_object();
  const std::string expires_at = NormalDate(o.at("expiresAt").as_string());
  const js::object content = CheckOwnTemplateContent(o.at("content"), expires_at);
  const auto for_identity = OptionalString(o, "forIdentity");
  const auto protection_request = PasswordProtectionRequest::FromJson(json::Find(o, "passwordProtection"));

  auto template_key = TemplateKey::Generate();
  const auto address = core::IdentityAddress::Parse(ctx_.account.address());
  auto sealed = SealTemplate(address, ctx_.account.identity_keys(), template_key.public_key, content);
  std::optional<LocalPasswordProtection> protection;
  if (protection_request) protection = LocalPasswordProtection::Create(*protection_request);

  js::object request{{"content", sealed.content}, {"expiresAt", expires_at}};
  if (const auto* max = json::Find(o, "maxNumberOfAllocations")) request["maxNumberOfAllocations"] = *max;
  if (for_identity) request["forIdentity"] = *for_identity;
  if (protection) request["password"] = protection->BackboneHash();
  const auto response = RuntimeBackboneCall(
      [&] { return ctx_.backbone.Post("/api/v2/RelationshipTemplates", request).as_object(); });

  LocalTemplate t{std::string(json::RequireString(response, "id", kType)),
                  true,
                  ctx_.account.address(),
                  ctx_.account.device().id,
                  NormalDate(json::RequireString(response, "createdAt", kType)),
                  expires_at,
                  OptionalCount(o, "maxNumberOfAllocations"),
                  for_identity,
                  protection ? std::optional<js::object>(protection->ToDto()) : std::nullopt,
                  content,
                  std::move(sealed.secret_key),
                  template_key.public_key.id,
                  template_key.public_key.key,
                  std::move(template_key.keypair),
                  ctx_.account.address(),
                  ctx_.account.identity_public_key(),
                  std::move(protection)};
  ctx_.db.Insert(kCollection, t.id, ToDocument(t));
  return ToDto(t);
}

boost::json::object RelationshipTemplates::LoadPeer(const boost::json::value& body) {
  request_checks::CheckLoadPeerRequest(body, true);
  const auto& o = body.as_object();
  const std::string_view text = o.at("reference").as_string();
  const auto password = OptionalString(o, "password");
  const auto reference = core::Reference::Parse(text);

  if (core::IsBackboneId(reference.id(), core::backbone_ids::kRelationshipTemplate)) {
    const auto& shared = reference.password_protection();
    if (shared && !password) NoPasswordProvided();
    std::optional<LocalPasswordProtection> protection;
    if (shared) protection = LocalPasswordProtection::FromShared(*shared, *password);
    return ToDto(LoadPeerTemplate(reference.id(), reference.key(), reference.for_identity_truncated(),
                                  std::move(protection)));
  }
  if (core::IsBackboneId(reference.id(), core::backbone_ids::kToken)) {
    const auto token = tokens_.LoadPeerByReference(core::Reference::Parse(text, core::ReferenceKind::kToken), true,
                                                   password);
    const auto* type = token.content.is_object() ? json::Find(token.content.as_object(), "@type") : nullptr;
    if (type == nullptr || !type->is_string() || type->as_string() != TokenContentRelationshipTemplate::kType) {
      throw CodedError("error.runtime.invalidTokenContent", "The given Token has an invalid content for this route.");
    }
    const auto content = TokenContentRelationshipTemplate::FromJson(token.content);
    if (content.password_protection && !password) NoPasswordProvided();
    std::optional<LocalPasswordProtection> protection;
    if (content.password_protection) protection = LocalPasswordProtection::FromShared(*content.password_protection, *password);
    return ToDto(LoadPeerTemplate(content.template_id, content.secret_key, content.for_identity, std::move(protection)));
  }
  throw CodedError("error.runtime.invalidReference", "The given reference is invalid for performing the requested action.");
}

LocalTemplate RelationshipTemplates::LoadPeerTemplate(const std::string& id, const crypto::SecretKey& key,
                                                      const std::optional<std::string>& for_identity_truncated,
                                                      std::optional<LocalPasswordProtection> protection) {
  auto existing = Find(id);
  if (!existing && for_identity_truncated && !ctx_.account.address().ends_with(*for_identity_truncated)) {
    NotIntendedForYou(id);
  }
  if (existing) {
    if (!existing->is_own) {
      PendingEvents pending;
      ctx_.db.WithTransaction([&](storage::Transaction& tx) {
        const auto dto = ToDto(*existing);
        pending.Add(kPeerLoaded, dto);
        peer_loaded_observers_.Notify(tx, dto, pending);
      });
      pending.PublishTo(ctx_.events);
    }
    return std::move(*existing);
  }

  QueryParams query;
  if (protection) query.emplace_back("password", protection->BackboneHash());
  const auto response = RuntimeBackboneCall(
      [&] { return ctx_.backbone.Get("/api/v2/RelationshipTemplates/" + id, query).as_object(); });
  auto opened = OpenTemplate(json::RequireString(response, "content", kType), key);

  std::string expires_at;
  if (auto e = OptionalString(response, "expiresAt")) expires_at = NormalDate(*e);
  LocalTemplate t{id,
                  false,
                  std::string(json::RequireString(response, "createdBy", kType)),
                  std::string(json::RequireString(response, "createdByDevice", kType)),
                  NormalDate(json::RequireString(response, "createdAt", kType)),
                  expires_at,
                  OptionalCount(response, "maxNumberOfAllocations"),
                  OptionalString(response, "forIdentity"),
                  protection ? std::optional<js::object>(protection->ToDto()) : std::nullopt,
                  std::move(opened.content),
                  key,
                  opened.template_key.id,
                  opened.template_key.key,
                  std::nullopt,
                  opened.identity.address.str(),
                  opened.identity.public_key,
                  std::move(protection)};
  // Upsert: a concurrent load of the same template stores the same record.
  PendingEvents pending;
  ctx_.db.WithTransaction([&](storage::Transaction& tx) {
    tx.Upsert(kCollection, t.id, ToDocument(t));
    const auto dto = ToDto(t);
    pending.Add(kPeerLoaded, dto);
    peer_loaded_observers_.Notify(tx, dto, pending);
  });
  pending.PublishTo(ctx_.events);
  return t;
}

boost::json::object RelationshipTemplates::GetDto(const std::string& id) {
  request_checks::CheckIdParameter("id", id, "RLT");
  return ToDto(Get(id));
}

boost::json::array RelationshipTemplates::List(const std::vector<std::pair<std::string, std::string>>& query,
                                               std::optional<bool> is_own) {
  request_checks::CheckListQuery(query, true);
  storage::Query q;
  q.filter = BuildListFilter(query, true, is_own);
  js::array result;
  for (const auto& doc : ctx_.db.Find(kCollection, q)) result.push_back(ToDto(FromDocument(doc.id, doc.body)));
  return result;
}

void RelationshipTemplates::Delete(const std::string& id) {
  request_checks::CheckIdParameter("templateId", id, "RLT");
  const auto t = Get(id);
  if (t.is_own) RuntimeBackboneCall([&] { ctx_.backbone.Delete("/api/v2/RelationshipTemplates/" + id); });
  ctx_.db.Delete(kCollection, id);
}

boost::json::object RelationshipTemplates::CreateTokenForOwn(const std::string& id, const boost::json::value& body) {
  js::object input = body.is_object() ? body.as_object() : js::object{};
  if (!body.is_object() && !body.is_null()) request_checks::ThrowInvalid("must be object");
  input["templateId"] = id;
  request_checks::CheckCreationRequest(input, request_checks::CreateTokenForOwnTemplateSchema());

  const auto t = Get(id);
  if (!t.is_own) {
    throw CodedError("error.runtime.relationshipTemplates.cannotCreateTokenForPeerTemplate",
                     "You cannot create a Token for a peer RelationshipTemplate.");
  }
  const auto for_identity = OptionalString(input, "forIdentity");
  if (t.for_identity && for_identity != t.for_identity) {
    throw CodedError("error.runtime.relationshipTemplates.personalizationMustBeInherited",
                     "If a RelationshipTemplate is personalized, Tokens created from it must have the same "
                     "personalization.");
  }
  const auto protection_request = PasswordProtectionRequest::FromJson(json::Find(input, "passwordProtection"));
  if (t.password && !t.password->Matches(protection_request)) {
    throw CodedError("error.runtime.relationshipTemplates.passwordProtectionMustBeInherited",
                     "If a RelationshipTemplate has password protection, Tokens created from it must have the same "
                     "password protection.");
  }

  TokenContentRelationshipTemplate content{t.id, t.secret_key, t.for_identity, std::nullopt};
  if (t.password) content.password_protection = t.password->ToShared();

  TokenSendParameters parameters;
  parameters.content = content.ToJson();
  if (const auto e = OptionalString(input, "expiresAt")) {
    parameters.expires_at = NormalDate(*e);
  } else if (!t.expires_at.empty()) {
    parameters.expires_at = t.expires_at;
  } else {
    parameters.expires_at = FormatIsoUtc(NowMs() + std::chrono::days(12));
  }
  const auto* ephemeral = json::Find(input, "ephemeral");
  parameters.ephemeral = ephemeral == nullptr || ephemeral->as_bool();
  parameters.for_identity = for_identity;
  parameters.password_protection = protection_request;
  const auto token = tokens_.Send(parameters);
  return tokens_.ToDto(token, parameters.ephemeral);
}

core::Reference RelationshipTemplates::ReferenceOf(const LocalTemplate& t) const {
  std::optional<std::string> truncated;
  if (t.for_identity && t.for_identity->size() >= 4) truncated = t.for_identity->substr(t.for_identity->size() - 4);
  std::optional<core::SharedPasswordProtection> shared;
  if (t.password) shared = t.password->ToShared();
  return core::Reference(core::ReferenceKind::kRelationshipTemplate, t.id, ctx_.base_url, t.secret_key, truncated,
                         shared);
}

boost::json::object RelationshipTemplates::ToDto(const LocalTemplate& t) const {
  js::object dto{{"id", t.id},
                 {"isOwn", t.is_own},
                 {"createdBy", t.created_by},
                 {"createdByDevice", t.created_by_device},
                 {"createdAt", t.created_at}};
  if (t.for_identity) dto["forIdentity"] = *t.for_identity;
  if (t.password_protection) dto["passwordProtection"] = *t.password_protection;
  dto["content"] = TemplateContentForDto(t.content);
  if (!t.expires_at.empty()) dto["expiresAt"] = t.expires_at;
  if (t.max_number_of_allocations) dto["maxNumberOfAllocations"] = *t.max_number_of_allocations;
  const auto reference = ReferenceOf(t);
  dto["reference"] = js::object{{"truncated", reference.Truncate()}, {"url", reference.ToUrl()}};
  return dto;
}

void RelationshipTemplates::RegisterProcessors(SyncEngine& sync) {
  sync.Register("RelationshipTemplateAllocationsExhausted", [this](const ExternalEvent& event, EventApplier& applier) {
    const std::string id = event.PayloadString("relationshipTemplateId");
    applier.Commit([&](storage::Transaction& tx, PendingEvents& pending) {
      // A template deleted meanwhile leaves nothing to announce (as officially).
      if (auto t = Find(tx, id)) pending.Add(kExhausted, ToDto(*t));
    });
  });
}

void RelationshipTemplates::DeleteForDecomposedRelationship(storage::Transaction& tx, const std::string& template_id,
                                                            const std::string& peer) {
  if (auto doc = tx.Get(kCollection, template_id)) {
    const bool own = doc->at("isOwn").as_bool();
    const auto max = OptionalCount(*doc, "maxNumberOfAllocations");
    if (!own || max == 1) tx.Delete(kCollection, template_id);
  }
  for (const auto& doc :
       tx.Find(kCollection, storage::Query().Where(storage::Condition::Equals("createdBy", js::string(peer))))) {
    tx.Delete(kCollection, doc.id);
  }
}

boost::json::object RelationshipTemplates::ToDocument(const LocalTemplate& t) const {
  js::object doc{{"id", t.id},
                 {"isOwn", t.is_own},
                 {"createdBy", t.created_by},
                 {"createdByDevice", t.created_by_device},
                 {"createdAt", t.created_at}};
  if (t.for_identity) doc["forIdentity"] = *t.for_identity;
  if (t.password_protection) doc["passwordProtection"] = *t.password_protection;
  doc["content"] = t.content;
  if (!t.expires_at.empty()) doc["expiresAt"] = t.expires_at;
  if (t.max_number_of_allocations) doc["maxNumberOfAllocations"] = *t.max_number_of_allocations;

  js::object secrets{
      {"secretKey", t.secret_key.ToJson()},
      {"templateKey", TemplatePublicKey{t.template_key_id, t.template_key_public}.ToJson()},
      {"identity", PublicIdentity{core::IdentityAddress::Parse(t.creator_address), t.creator_public_key}.ToJson()}};
  if (t.template_key_pair) secrets["templateKeyPair"] = t.template_key_pair->ToJson();
  if (t.password) {
    if (t.password->location_indicator) doc["_passwordLocationIndicator"] = *t.password->location_indicator;
    secrets["passwordProtection"] = t.password->SecretPart();
  }
  doc["secrets"] = ctx_.box.Seal(secrets, SecretsContext(t.id));
  return doc;
}

LocalTemplate RelationshipTemplates::FromDocument(const std::string& id, const boost::json::object& doc) const {
  const auto secrets = ctx_.box.Open(json::RequireString(doc, "secrets", kType), SecretsContext(id));
  const auto template_key = TemplatePublicKey::FromJson(secrets.at("templateKey"));
  const auto identity = PublicIdentity::FromJson(secrets.at("identity"));
  std::optional<crypto::ExchangeKeypair> keypair;
  if (const auto* pair = json::Find(secrets, "templateKeyPair")) keypair = crypto::ExchangeKeypair::FromJson(*pair);
  std::optional<js::object> protection_dto;
  std::optional<LocalPasswordProtection> protection;
  if (const auto* dto = json::Find(doc, "passwordProtection")) {
    protection_dto = json::AsObject(*dto, kType);
    protection = LocalPasswordProtection::FromStored(*protection_dto,
                                                     json::AsObject(secrets.at("passwordProtection"), kType));
  }
  const auto* content = json::Find(doc, "content");
  return LocalTemplate{id,
                       doc.at("isOwn").as_bool(),
                       std::string(json::RequireString(doc, "createdBy", kType)),
                       std::string(json::RequireString(doc, "createdByDevice", kType)),
                       std::string(json::RequireString(doc, "createdAt", kType)),
                       OptionalString(doc, "expiresAt").value_or(""),
                       OptionalCount(doc, "maxNumberOfAllocations"),
                       OptionalString(doc, "forIdentity"),
                       std::move(protection_dto),
                       content != nullptr ? *content : js::value(),
                       crypto::SecretKey::FromJson(secrets.at("secretKey")),
                       template_key.id,
                       template_key.key,
                       std::move(keypair),
                       identity.address.str(),
                       identity.public_key,
                       std::move(protection)};
}

}  // namespace nmshd::transport
