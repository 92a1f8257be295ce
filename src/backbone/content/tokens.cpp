#include "content/tokens.h"

#include <chrono>
#include <set>

#include "api/api_errors.h"
#include "content/content_common.h"
#include "content/content_store.h"
#include "core/backbone_ids.h"
#include "sync/external_events.h"

namespace nmshd::backbone::content {

namespace {

using storage::Condition;

constexpr std::size_t kMaxPasswordBytes = 200;  // Token.MAX_PASSWORD_LENGTH
constexpr std::string_view kRecord = "Token";
constexpr std::string_view kPrefix = core::backbone_ids::kToken;

CodedError TokenIsLocked() {
  return CodedError("error.platform.token.tooManyFailedPasswordAttempts",
                    "Too many wrong password attempts, the token is locked.");
}

std::optional<std::string> ValidatedPassword(const std::optional<std::string>& query) {
  if (!query || query->empty()) return std::nullopt;
  auto bytes = DecodeQueryBytes(*query, "password");
  if (bytes.size < 1 || bytes.size > kMaxPasswordBytes) {
    throw WrongNumberOfBytes("password", 1, kMaxPasswordBytes, bytes.size);
  }
  return bytes.b64u;
}

std::int64_t FailedCount(const json::object& doc) {
  const auto* v = doc.if_contains("accessFailedCount");
  return v != nullptr && v->is_int64() ? v->get_int64() : 0;
}

bool IsLocked(const json::object& doc) { return FailedCount(doc) >= kMaxFailedTokenAccessAttempts; }

bool PasswordCorrect(const json::object& doc, const std::optional<std::string>& password_b64u) {
  auto stored = OptStr(doc, "password");
  return !stored || (password_b64u && *password_b64u == *stored);
}

// CanBeAccessedAccordingToForIdentity.
bool ForIdentityAllows(const json::object& doc, const std::optional<std::string>& address) {
  auto created_by = OptStr(doc, "createdBy");
  auto for_identity = OptStr(doc, "forIdentity");
  return created_by == address || !for_identity || for_identity == address;
}

// A wrong password: counts the failure on the current document (serialized per token so
// concurrent failures are all counted) and returns the error to answer after the commit.
CodedError CountFailedAccess(storage::Transaction& tx, const BackboneContext& ctx,
                             std::string_view id) {
  tx.Lock("tokenAccess:" + std::string(id));
  auto doc = tx.Get(kTokens, id);
  if (!doc) return RecordNotFound(kRecord);
  bool was_locked = IsLocked(*doc);
  (*doc)["accessFailedCount"] = FailedCount(*doc) + 1;
  tx.Replace(kTokens, id, *doc);
  if (!IsLocked(*doc)) return RecordNotFound(kRecord);
  if (!was_locked) {
    if (auto owner = OptStr(*doc, "createdBy")) {
      AppendExternalEvent(tx, ctx,
                          NewExternalEvent{*owner, "TokenLocked", json::object{{"tokenId", id}},
                                           std::nullopt, false});
    }
  }
  return TokenIsLocked();
}

}  // namespace

json::object TokenDto(const json::object& doc) {
  json::object dto;
  dto["id"] = doc.at("id");
  dto["createdBy"] = doc.at("createdBy");
  dto["createdByDevice"] = doc.at("createdByDevice");
  dto["forIdentity"] = doc.at("forIdentity");
  dto["createdAt"] = doc.at("createdAt");
  dto["expiresAt"] = doc.at("expiresAt");
  dto["content"] = doc.at("content");
  auto password = OptStr(doc, "password");
  dto["isPasswordProtected"] = password.has_value() && !password->empty();
  return dto;
}

json::object CreateToken(const BackboneContext& ctx, const Caller* caller,
                         const json::object& body) {
  // Binding, in member order of CreateTokenCommand.
  auto content = OptionalBytes(body, "content");
  auto expires_at = RequiredDate(body, "expiresAt");
  auto for_identity = OptionalString(body, "forIdentity");
  auto password = OptionalBytes(body, "password");

  // Validator rules in order.
  if (for_identity) RequireAddress(*for_identity, "forIdentity");
  if (password && (password->size < 1 || password->size > kMaxPasswordBytes)) {
    throw WrongNumberOfBytes("password", 1, kMaxPasswordBytes, password->size);
  }
  auto now = ctx.now();
  if (expires_at <= now) throw InvalidPropertyValue("'expiresAt' must be in the future.");
  if (caller == nullptr) {
    if (content) throw InvalidPropertyValue("'content' must be empty.");
    auto limit = now + std::chrono::minutes(5);
    if (expires_at >= limit) {
      throw InvalidPropertyValue("'expiresAt' must be less than '" + Iso(limit) + "'.");
    }
  } else {
    auto max_content = static_cast<std::size_t>(ctx.config.limits.maxContentBytes);
    if (content && content->size > max_content) {
      throw WrongNumberOfBytes("content", 0, max_content, content->size);
    }
  }

  auto id = core::GenerateBackboneId(kPrefix);
  json::object doc;
  doc["id"] = id;
  doc["createdBy"] = caller ? json::value(caller->address) : json::value(nullptr);
  doc["createdByDevice"] = caller ? json::value(caller->device_id) : json::value(nullptr);
  doc["forIdentity"] = NullableString(for_identity);
  doc["createdAt"] = Iso(now);
  doc["expiresAt"] = Iso(expires_at);
  doc["content"] = content ? json::value(content->b64u) : json::value(nullptr);
  doc["password"] = password ? json::value(password->b64u) : json::value(nullptr);
  doc["accessFailedCount"] = 0;
  ctx.db.WithTransaction([&](storage::Transaction& tx) { tx.Insert(kTokens, id, doc); });
  return json::object{{"id", id}, {"createdAt", doc["createdAt"]}};
}

json::object GetToken(const BackboneContext& ctx, const Caller* caller, std::string_view id,
                      const std::optional<std::string>& password) {
  RequireId(id, kPrefix, "id");
  auto password_b64u = ValidatedPassword(password);
  std::optional<std::string> address;
  if (caller != nullptr) address = caller->address;

  std::optional<CodedError> after_commit;
  auto dto = ctx.db.WithTransaction([&](storage::Transaction& tx) -> json::object {
    auto doc = tx.Get(kTokens, id);
    if (!doc) throw RecordNotFound(kRecord);
    if (OptStr(*doc, "createdBy") == address) return TokenDto(*doc);
    if (address && tx.Get(kTokenAllocations, AllocationId(id, *address))) return TokenDto(*doc);
    if (StoredDate(doc->at("expiresAt")) < ctx.now()) throw RecordNotFound(kRecord);
    if (IsLocked(*doc)) throw TokenIsLocked();
    if (!ForIdentityAllows(*doc, address)) throw RecordNotFound(kRecord);
    if (!PasswordCorrect(*doc, password_b64u)) {
      after_commit = CountFailedAccess(tx, ctx, id);
      return {};
    }
    if (!address) return TokenDto(*doc);
    tx.Insert(kTokenAllocations, AllocationId(id, *address),
              json::object{{"tokenId", id},
                           {"allocatedBy", *address},
                           {"allocatedByDevice", caller->device_id},
                           {"allocatedAt", Iso(ctx.now())}});
    return TokenDto(*doc);
  });
  if (after_commit) throw *after_commit;
  return dto;
}

http::Response ListTokens(const BackboneContext& ctx, const Caller& caller,
                          const http::Request& request) {
  auto ids = QueryList(request, "ids");
  if (ids.empty()) {
    for (auto& item : QueryItems(request, "tokens")) {
      if (item.id) ids.push_back(*item.id);
    }
  }
  ReadPage(request, ctx);
  if (ids.empty()) throw InvalidPropertyValue("'ids' must not be empty.");
  for (const auto& id : ids) RequireId(id, kPrefix, "ids");

  std::vector<json::object> result;
  std::set<std::string> seen;
  auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
  for (const auto& id : ids) {
    if (!seen.insert(id).second) continue;
    auto doc = tx->Get(kTokens, id);
    if (!doc) continue;
    if (Str(*doc, "createdBy") != caller.address &&
        !tx->Get(kTokenAllocations, AllocationId(id, caller.address))) {
      continue;
    }
    result.push_back(TokenDto(*doc));
  }
  tx.reset();
  return PagedByCreatedAt(std::move(result), request, ctx);
}

void DeleteToken(const BackboneContext& ctx, const Caller& caller, std::string_view id) {
  RequireId(id, kPrefix, "id");
  ctx.db.WithTransaction([&](storage::Transaction& tx) {
    auto doc = tx.Get(kTokens, id);
    if (!doc) throw RecordNotFound(kRecord);
    if (Str(*doc, "createdBy") != caller.address) {
      throw Forbidden("You are not allowed to perform this action due to insufficient privileges.");
    }
    tx.Delete(kTokens, id);
    auto by_token =
        storage::Query().Where(Condition::Equals("tokenId", json::string(id)).ScalarOnly());
    for (auto& allocation : tx.Find(kTokenAllocations, by_token)) {
      tx.Delete(kTokenAllocations, allocation.id);
    }
  });
}

json::object UpdateTokenContent(const BackboneContext& ctx, const Caller& caller,
                                std::string_view id, const json::object& body) {
  auto new_content = RequiredBytes(body, "newContent");
  auto password = OptionalBytes(body, "password");
  RequireId(id, kPrefix, "tokenId");
  auto max_content = static_cast<std::size_t>(ctx.config.limits.maxContentBytes);
  if (new_content.size < 1 || new_content.size > max_content) {
    throw WrongNumberOfBytes("newContent", 1, max_content, new_content.size);
  }
  if (password && (password->size < 1 || password->size > kMaxPasswordBytes)) {
    throw WrongNumberOfBytes("password", 1, kMaxPasswordBytes, password->size);
  }
  std::optional<std::string> password_b64u;
  if (password) password_b64u = password->b64u;
  std::optional<std::string> address = caller.address;

  std::optional<CodedError> after_commit;
  auto dto = ctx.db.WithTransaction([&](storage::Transaction& tx) -> json::object {
    auto doc = tx.Get(kTokens, id);
    if (!doc) throw RecordNotFound(kRecord);
    if (StoredDate(doc->at("expiresAt")) < ctx.now()) throw RecordNotFound(kRecord);
    if (IsLocked(*doc)) throw TokenIsLocked();
    if (!ForIdentityAllows(*doc, address)) throw RecordNotFound(kRecord);
    if (!PasswordCorrect(*doc, password_b64u)) {
      after_commit = CountFailedAccess(tx, ctx, id);
      return {};
    }
    if (!doc->at("content").is_null()) {
      throw Validation("error.platform.token.contentUpdateNotPossibleBecauseContentAlreadyExists",
                       "The token already has content. You can only update the content of a token "
                       "if it has no content yet.");
    }
    (*doc)["createdBy"] = caller.address;
    (*doc)["createdByDevice"] = caller.device_id;
    (*doc)["content"] = std::move(new_content.b64u);
    tx.Replace(kTokens, id, *doc);
    json::object out;
    out["id"] = doc->at("id");
    out["createdBy"] = doc->at("createdBy");
    out["createdByDevice"] = doc->at("createdByDevice");
    out["forIdentity"] = doc->at("forIdentity");
    out["createdAt"] = doc->at("createdAt");
    out["expiresAt"] = doc->at("expiresAt");
    auto stored_password = OptStr(*doc, "password");
    out["isPasswordProtected"] = stored_password.has_value() && !stored_password->empty();
    return out;
  });
  if (after_commit) throw *after_commit;
  return dto;
}

void RegisterTokenRoutes(ApiRoutes& routes, BackboneContext& ctx) {
  const BackboneContext* c = &ctx;
  routes.OptionalAuth("POST", "/api/v2/Tokens", [c](http::Request& request, const Caller* caller) {
    return Result(CreateToken(*c, caller, JsonBody(request)), 201);
  });
  routes.Authenticated("GET", "/api/v2/Tokens", [c](http::Request& request, const Caller& caller) {
    return ListTokens(*c, caller, request);
  });
  routes.OptionalAuth(
      "GET", "/api/v2/Tokens/{id}", [c](http::Request& request, const Caller* caller) {
        return Result(
            GetToken(*c, caller, request.PathParam("id"), request.QueryValue("password")));
      });
  routes.Authenticated("DELETE", "/api/v2/Tokens/{id}",
                       [c](http::Request& request, const Caller& caller) {
                         DeleteToken(*c, caller, request.PathParam("id"));
                         return Empty();
                       });
  routes.Authenticated(
      "POST", "/api/v2/Tokens/{id}/UpdateContent",
      [c](http::Request& request, const Caller& caller) {
        return Result(UpdateTokenContent(*c, caller, request.PathParam("id"), JsonBody(request)));
      });
}

}  // namespace nmshd::backbone::content
