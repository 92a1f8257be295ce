#include "content/relationship_templates.h"

#include <set>

#include "api/api_errors.h"
#include "content/content_common.h"
#include "content/content_store.h"
#include "core/backbone_ids.h"
#include "sync/external_events.h"

namespace nmshd::backbone::content {

namespace {

using storage::Condition;

constexpr std::size_t kMaxPasswordBytes = 200;  // RelationshipTemplate.MAX_PASSWORD_LENGTH
constexpr std::string_view kRecord = "RelationshipTemplate";
constexpr std::string_view kPrefix = core::backbone_ids::kRelationshipTemplate;

bool HasRelationshipFromTemplate(storage::Transaction& tx, std::string_view template_id,
                                 std::string_view caller) {
  auto found = tx.Find(
      kRelationships,
      storage::Query().Where(
          Condition::Equals("relationshipTemplateId", json::string(template_id)).ScalarOnly()));
  for (const auto& doc : found) {
    if (Str(doc.body, "from") == caller || Str(doc.body, "to") == caller) return true;
  }
  return false;
}

// CanBeCollectedUsingPassword / CanBeCollectedWithPassword.
bool PasswordAllows(storage::Transaction& tx, const json::object& doc, std::string_view caller,
                    const std::optional<std::string>& password_b64u) {
  auto stored = OptStr(doc, "password");
  if (!stored) return true;
  if (password_b64u && *password_b64u == *stored) return true;  // same bytes, same encoding
  if (Str(doc, "createdBy") == caller) return true;
  return IsTemplateAllocatedBy(tx, Str(doc, "id"), caller);
}

std::optional<std::string> ValidatedPassword(const std::optional<std::string>& query,
                                             std::string_view display_name) {
  if (!query || query->empty()) return std::nullopt;
  auto bytes = DecodeQueryBytes(*query, display_name);
  if (bytes.size < 1 || bytes.size > kMaxPasswordBytes) {
    throw WrongNumberOfBytes(display_name, 1, kMaxPasswordBytes, bytes.size);
  }
  return bytes.b64u;
}

}  // namespace

json::object RelationshipTemplateDto(const json::object& doc) {
  json::object dto;
  dto["id"] = doc.at("id");
  dto["createdBy"] = doc.at("createdBy");
  dto["createdByDevice"] = doc.at("createdByDevice");
  dto["maxNumberOfAllocations"] = doc.at("maxNumberOfAllocations");
  dto["expiresAt"] = doc.at("expiresAt");
  dto["content"] = doc.at("content");
  dto["createdAt"] = doc.at("createdAt");
  dto["forIdentity"] = doc.at("forIdentity");
  return dto;
}

bool IsTemplateAllocatedBy(storage::Transaction& tx, std::string_view template_id,
                           std::string_view address) {
  return tx.Get(kTemplateAllocations, AllocationId(template_id, address)).has_value();
}

std::optional<json::object> FindVisibleTemplate(storage::Transaction& tx,
                                                const BackboneContext& ctx, std::string_view caller,
                                                std::string_view id) {
  auto doc = tx.Get(kTemplates, id);
  if (!doc) return std::nullopt;
  auto for_identity = OptStr(*doc, "forIdentity");
  auto created_by = Str(*doc, "createdBy");
  if (for_identity && *for_identity != caller && created_by != caller) return std::nullopt;
  const auto& expires_at = doc->at("expiresAt");
  if (!expires_at.is_null() && StoredDate(expires_at) <= ctx.now() &&
      !HasRelationshipFromTemplate(tx, id, caller)) {
    return std::nullopt;
  }
  return doc;
}

json::object CreateRelationshipTemplate(const BackboneContext& ctx, const Caller& caller,
                                        const json::object& body) {
  // Binding (400 inputCannotBeParsed), in member order of CreateRelationshipTemplateCommand.
  auto expires_at = OptionalDate(body, "expiresAt");
  auto max_allocations = OptionalInt(body, "maxNumberOfAllocations");
  auto content = RequiredBytes(body, "content");
  auto for_identity = OptionalString(body, "forIdentity");
  auto password = OptionalBytes(body, "password");

  // Validator (400 invalidPropertyValue), in rule order.
  auto max_content = static_cast<std::size_t>(ctx.config.limits.maxContentBytes);
  if (content.size > max_content) throw WrongNumberOfBytes("content", 0, max_content, content.size);
  if (max_allocations && *max_allocations <= 0) {
    throw InvalidPropertyValue("'maxNumberOfAllocations' must be greater than '0'.");
  }
  auto now = ctx.now();
  if (expires_at && *expires_at <= now) {
    throw InvalidPropertyValue("'expiresAt' must be in the future.");
  }
  if (for_identity) RequireAddress(*for_identity, "forIdentity");
  if (password && (password->size < 1 || password->size > kMaxPasswordBytes)) {
    throw WrongNumberOfBytes("password", 1, kMaxPasswordBytes, password->size);
  }

  auto id = core::GenerateBackboneId(kPrefix);
  json::object doc;
  doc["id"] = id;
  doc["createdBy"] = caller.address;
  doc["createdByDevice"] = caller.device_id;
  doc["maxNumberOfAllocations"] =
      max_allocations ? json::value(*max_allocations) : json::value(nullptr);
  doc["expiresAt"] = expires_at ? json::value(Iso(*expires_at)) : json::value(nullptr);
  doc["content"] = std::move(content.b64u);
  doc["createdAt"] = Iso(now);
  doc["forIdentity"] = NullableString(for_identity);
  doc["password"] = password ? json::value(password->b64u) : json::value(nullptr);
  ctx.db.WithTransaction([&](storage::Transaction& tx) { tx.Insert(kTemplates, id, doc); });
  return json::object{{"id", id}, {"createdAt", doc["createdAt"]}};
}

json::object GetRelationshipTemplate(const BackboneContext& ctx, const Caller& caller,
                                     std::string_view id,
                                     const std::optional<std::string>& password) {
  RequireId(id, kPrefix, "id");
  auto password_b64u = ValidatedPassword(password, "password");

  return ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto doc = FindVisibleTemplate(tx, ctx, caller.address, id);
    if (!doc || !PasswordAllows(tx, *doc, caller.address, password_b64u)) {
      throw RecordNotFound(kRecord);
    }

    // AllocateFor
    bool must_allocate =
        Str(*doc, "createdBy") != caller.address && !IsTemplateAllocatedBy(tx, id, caller.address);
    if (must_allocate) {
      // Serializes allocations of this template (PostgreSQL runs READ COMMITTED): after this
      // lock the checks below see every committed allocation.
      tx.Lock("templateAllocations:" + std::string(id));
      must_allocate = !IsTemplateAllocatedBy(tx, id, caller.address);
    }
    if (must_allocate) {
      const auto& max = doc->at("maxNumberOfAllocations");
      auto count = static_cast<std::int64_t>(tx.Count(
          kTemplateAllocations,
          storage::Filter().Where(
              Condition::Equals("relationshipTemplateId", json::string(id)).ScalarOnly())));
      if (!max.is_null() && count == max.to_number<std::int64_t>()) {
        throw Validation(
            "error.platform.validation.relationshipTemplate.maxNumberOfAllocationsExhausted",
            "The maximum number of allocations (maxNumberOfAllocations) of the template you are "
            "trying to read is exhausted.");
      }
      tx.Insert(kTemplateAllocations, AllocationId(id, caller.address),
                json::object{{"relationshipTemplateId", id},
                             {"allocatedBy", caller.address},
                             {"allocatedByDevice", caller.device_id},
                             {"allocatedAt", Iso(ctx.now())}});
      if (!max.is_null() && count + 1 == max.to_number<std::int64_t>()) {
        AppendExternalEvent(
            tx, ctx,
            NewExternalEvent{Str(*doc, "createdBy"), "RelationshipTemplateAllocationsExhausted",
                             json::object{{"relationshipTemplateId", id}}, std::nullopt, false});
      }
    }
    return RelationshipTemplateDto(*doc);
  });
}

http::Response ListRelationshipTemplates(const BackboneContext& ctx, const Caller& caller,
                                         const http::Request& request) {
  auto items = QueryItems(request, "templates");
  if (items.empty()) {
    for (auto& id : QueryList(request, "ids")) items.push_back(QueryItem{std::move(id), {}});
  }
  ReadPage(request, ctx);  // page parameters are validated before the query
  if (items.empty()) throw InvalidPropertyValue("'queryItems' must not be empty.");
  struct Wanted {
    std::string id;
    std::optional<std::string> password_b64u;
  };
  std::vector<Wanted> wanted;
  for (auto& item : items) {
    if (!item.id) throw InvalidId("id");
    RequireId(*item.id, kPrefix, "id");
    wanted.push_back(Wanted{*item.id, ValidatedPassword(item.password, "password")});
  }

  std::vector<json::object> result;
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  std::set<std::string> seen;
  for (const auto& w : wanted) {
    if (seen.count(w.id) != 0) continue;
    auto doc = FindVisibleTemplate(*tx, ctx, caller.address, w.id);
    if (!doc || !PasswordAllows(*tx, *doc, caller.address, w.password_b64u)) continue;
    seen.insert(w.id);
    result.push_back(RelationshipTemplateDto(*doc));
  }
  tx.reset();
  return PagedByCreatedAt(std::move(result), request, ctx);
}

void DeleteRelationshipTemplate(const BackboneContext& ctx, const Caller& caller,
                                std::string_view id) {
  RequireId(id, kPrefix, "id");
  ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto doc = FindVisibleTemplate(tx, ctx, caller.address, id);
    if (!doc) throw RecordNotFound(kRecord);
    if (Str(*doc, "createdBy") != caller.address) {
      throw Forbidden("You are not allowed to perform this action due to insufficient privileges.");
    }
    tx.Delete(kTemplates, id);
    auto by_template = storage::Query().Where(
        Condition::Equals("relationshipTemplateId", json::string(id)).ScalarOnly());
    for (auto& allocation : tx.Find(kTemplateAllocations, by_template)) {
      tx.Delete(kTemplateAllocations, allocation.id);
    }
    // DeleteBehavior.SetNull: relationships outlive their template.
    for (auto& relationship : tx.Find(kRelationships, by_template)) {
      relationship.body["relationshipTemplateId"] = nullptr;
      tx.Replace(kRelationships, relationship.id, relationship.body);
    }
  });
}

void RegisterRelationshipTemplateRoutes(ApiRoutes& routes, BackboneContext& ctx) {
  const BackboneContext* c = &ctx;
  routes.Authenticated(
      "POST", "/api/v2/RelationshipTemplates", [c](http::Request& request, const Caller& caller) {
        return Result(CreateRelationshipTemplate(*c, caller, JsonBody(request)), 201);
      });
  routes.Authenticated("GET", "/api/v2/RelationshipTemplates",
                       [c](http::Request& request, const Caller& caller) {
                         return ListRelationshipTemplates(*c, caller, request);
                       });
  routes.Authenticated("GET", "/api/v2/RelationshipTemplates/{id}",
                       [c](http::Request& request, const Caller& caller) {
                         return Result(GetRelationshipTemplate(*c, caller, request.PathParam("id"),
                                                               request.QueryValue("password")));
                       });
  routes.Authenticated("DELETE", "/api/v2/RelationshipTemplates/{id}",
                       [c](http::Request& request, const Caller& caller) {
                         DeleteRelationshipTemplate(*c, caller, request.PathParam("id"));
                         return Empty();
                       });
}

}  // namespace nmshd::backbone::content
