#pragma once
// Opaque Bearer access tokens: 32 random bytes (base64url, 43 characters) mapped to the Caller they
// were issued for, with an expiry. Kept in memory only — the official server issues JWTs that
// survive a restart, ours do not; @nmshd/transport answers the resulting 401 by logging in again
// and retrying once (RESTClientAuthenticate.runAuthenticated), so a restart costs one extra
// /connect/token per client and nothing else.
//
// Thread-safe (one mutex; lookups are O(1)). Expired tokens are dropped lazily on Issue.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "api/caller.h"
#include "base/iso_date.h"

namespace nmshd::backbone::auth {

class AccessTokens {
 public:
  // A fresh token valid until now + lifetime.
  std::string Issue(const Caller& caller, TimePoint now, std::chrono::seconds lifetime);
  // The caller of a valid token; nullopt for an unknown or expired one (expiry is exclusive).
  std::optional<Caller> Resolve(std::string_view token, TimePoint now) const;
  // Drops every token of a device (its password changed, it was deleted).
  void RevokeDevice(std::string_view device_id);
  std::size_t size() const;

 private:
  struct Entry {
    Caller caller;
    TimePoint expires_at;
  };
  void DropExpiredLocked(TimePoint now);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> tokens_;
  std::size_t issued_since_cleanup_ = 0;
};

}  // namespace nmshd::backbone::auth
