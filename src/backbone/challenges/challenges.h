#pragma once
// Challenges (backbone-protocol §1.2; official Modules/Challenges): random ids a client signs with
// its identity key to prove key possession when it registers an identity or a device.
//
//   POST /api/v2/Challenges        anonymous or authenticated (then createdBy/createdByDevice are set)
//                                  -> 201 {id, expiresAt, createdBy, createdByDevice}
//   GET  /api/v2/Challenges/{id}   authenticated -> 200 the same DTO; 404 when unknown or expired
//
// A challenge expires 10 minutes after creation, but the official server only treats it as expired
// one hour after that (Challenge.IsExpired: ExpiresAt <= now - 1 h), so it is usable for 70 minutes.
// Challenges are never marked as used (neither are they officially).
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "api/api_routes.h"
#include "backbone_context.h"
#include "storage/document_store.h"

namespace nmshd::backbone::challenges {

inline constexpr std::string_view kCollection = "challenges";
inline constexpr std::chrono::minutes kLifetime{10};
inline constexpr std::chrono::hours kExpiryGrace{1};

struct Challenge {
  std::string id;  // CHL…
  TimePoint expires_at;
  std::optional<std::string> created_by;         // identity address
  std::optional<std::string> created_by_device;  // DVC…

  // The official ChallengeDTO: {id, expiresAt, createdBy, createdByDevice} (nulls included).
  boost::json::object ToDto() const;
  // Expired in the official sense: expires_at <= now - 1 h.
  bool IsExpired(TimePoint now) const { return expires_at <= now - kExpiryGrace; }
};

// Stores a new challenge (caller: the authenticated creator, or nullptr).
Challenge CreateChallenge(storage::Transaction& tx, const BackboneContext& ctx, const Caller* caller);
// The stored challenge, expired or not; nullopt when unknown.
std::optional<Challenge> FindChallenge(storage::Transaction& tx, std::string_view id);

void RegisterChallengeRoutes(ApiRoutes& routes, const BackboneContext& ctx);

}  // namespace nmshd::backbone::challenges
