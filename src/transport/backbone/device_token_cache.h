#pragma once
// The one access token of the device, shared by all threads (Authenticator.getToken): handed out
// while more than `refresh_margin` of its lifetime is left, otherwise fetched anew. Fetching holds
// the lock, so threads that need a token at the same time wait for one fetch instead of each
// logging in.
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "transport/backbone/backbone_client_options.h"
#include "transport/backbone/token_grant.h"

namespace nmshd::transport {

class DeviceTokenCache {
 public:
  using Fetch = std::function<AccessTokenGrant(const DeviceCredentials&)>;

  DeviceTokenCache(std::chrono::seconds refresh_margin, Fetch fetch);

  // Replaces the device and drops its token.
  void SetCredentials(DeviceCredentials credentials);
  // Throws BackboneError error.transport.request.noAuthPossible without credentials, or what
  // `fetch` throws.
  std::string Get();
  void Invalidate();
  // Drops the token only if it is still `rejected`: when several calls fail with the same stale
  // token, the first one's fresh token survives the others' invalidation.
  void InvalidateIf(const std::string& rejected);

 private:
  std::chrono::seconds refresh_margin_;
  Fetch fetch_;
  std::mutex mutex_;
  std::optional<DeviceCredentials> credentials_;
  std::string token_;
  std::chrono::steady_clock::time_point expiry_;
};

}  // namespace nmshd::transport
