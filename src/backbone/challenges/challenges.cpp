#include "challenges/challenges.h"

#include "api/api_errors.h"
#include "core/backbone_ids.h"

namespace nmshd::backbone::challenges {

namespace json = boost::json;

namespace {

json::value OptionalValue(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

std::optional<std::string> OptionalField(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

}  // namespace

json::object Challenge::ToDto() const {
  return json::object{{"id", id},
                      {"expiresAt", FormatIsoUtc(expires_at)},
                      {"createdBy", OptionalValue(created_by)},
                      {"createdByDevice", OptionalValue(created_by_device)}};
}

Challenge CreateChallenge(storage::Transaction& tx, const BackboneContext& ctx, const Caller* caller) {
  Challenge c;
  c.id = core::GenerateBackboneId(core::backbone_ids::kChallenge);
  c.expires_at = ctx.now() + std::chrono::duration_cast<std::chrono::milliseconds>(kLifetime);
  if (caller != nullptr) {
    c.created_by = caller->address;
    c.created_by_device = caller->device_id;
  }
  tx.Insert(kCollection, c.id, c.ToDto());
  return c;
}

std::optional<Challenge> FindChallenge(storage::Transaction& tx, std::string_view id) {
  auto doc = tx.Get(kCollection, id);
  if (!doc) return std::nullopt;
  Challenge c;
  c.id = std::string(id);
  c.expires_at = ParseIso(doc->at("expiresAt").as_string());
  c.created_by = OptionalField(*doc, "createdBy");
  c.created_by_device = OptionalField(*doc, "createdByDevice");
  return c;
}

void RegisterChallengeRoutes(ApiRoutes& routes, const BackboneContext& ctx) {
  routes.OptionalAuth("POST", "/api/v2/Challenges", [&ctx](http::Request& request, const Caller* caller) {
    JsonBody(request);  // the client sends {}; anything that is not a JSON object is refused
    auto challenge = ctx.db.WithTransaction(
        [&](storage::Transaction& tx) { return CreateChallenge(tx, ctx, caller); });
    return Result(challenge.ToDto(), 201);
  });

  routes.Authenticated("GET", "/api/v2/Challenges/{id}", [&ctx](http::Request& request, const Caller&) {
    const auto& id = request.PathParam("id");
    core::ValidateBackboneId(id, core::backbone_ids::kChallenge, "id");
    auto tx = ctx.db.Begin(storage::TransactionMode::kReadOnly);
    auto challenge = FindChallenge(*tx, id);
    if (!challenge || challenge->IsExpired(ctx.now())) throw NotFound("Challenge");
    return Result(challenge->ToDto());
  });
}

}  // namespace nmshd::backbone::challenges
