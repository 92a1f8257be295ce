#include "transport/backbone/device_token_cache.h"

#include "transport/backbone/backbone_error.h"

namespace nmshd::transport {

DeviceTokenCache::DeviceTokenCache(std::chrono::seconds refresh_margin, Fetch fetch)
    : refresh_margin_(refresh_margin), fetch_(std::move(fetch)) {}

void DeviceTokenCache::SetCredentials(DeviceCredentials credentials) {
  std::lock_guard lock(mutex_);
  credentials_ = std::move(credentials);
  token_.clear();
}

std::string DeviceTokenCache::Get() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!token_.empty() && now + refresh_margin_ < expiry_) return token_;
  token_.clear();
  if (!credentials_) {
    throw BackboneError("error.transport.request.noAuthPossible",
                        "Authentication was not possible: no device credentials are set.", "post",
                        std::string(kTokenPath), 0);
  }
  // The lifetime counts from before the request, so the token is never trusted longer than the
  // Backbone granted it.
  AccessTokenGrant grant = fetch_(*credentials_);
  token_ = std::move(grant.token);
  expiry_ = now + grant.expires_in;
  return token_;
}

void DeviceTokenCache::Invalidate() {
  std::lock_guard lock(mutex_);
  token_.clear();
}

void DeviceTokenCache::InvalidateIf(const std::string& rejected) {
  std::lock_guard lock(mutex_);
  if (token_ == rejected) token_.clear();
}

}  // namespace nmshd::transport
