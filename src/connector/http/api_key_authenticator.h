#pragma once
// API-key authentication (apiKeyAuth.ts, enforceAuthentication.ts; connector-surface §3.1).
//
// Configuration `infrastructure.httpServer.authentication.apiKey`:
//   {headerName (default "X-API-KEY"), enabled?, keys: {<name>: {key, enabled?, description?,
//    expiresAt?, scopes?}}}
// The method is enabled by its `enabled` flag or, without one, by having any key.
//
// Startup validation with the official messages (each throws CodedError "error.config.invalid"):
//   * "Duplicate API keys found in configuration. Each API key must be unique."
//   * "No valid API keys found in configuration. At least one is required." (no key is both
//     enabled and unexpired)
//   * "The API keys with the following key(s) does not meet the requirements: <names>. …" for every
//     usable key that fails config::IsStrongApiKey.
// Keys that are disabled or already expired at startup are dropped. Only SHA-256 digests of the
// keys are kept; a presented key is hashed and compared with every usable key in constant time
// (sodium_memcmp on equal-length digests), so neither its length nor its prefix leaks. Expiry is
// checked again on every request.
#include <array>
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/iso_date.h"

namespace nmshd::connector {

class ApiKeyAuthenticator {
 public:
  // nullopt when API-key authentication is not enabled; throws on an invalid configuration.
  static std::optional<ApiKeyAuthenticator> FromConfig(const boost::json::object& api_key_section,
                                                       TimePoint now);

  const std::string& header_name() const { return header_name_; }

  // The roles of the key: its scopes, or ["**"] when it has none. nullopt when `presented` is not
  // a usable, unexpired key.
  std::optional<std::vector<std::string>> Authenticate(std::string_view presented, TimePoint now) const;

 private:
  struct Key {
    std::array<std::uint8_t, 32> digest;
    std::optional<TimePoint> expires_at;
    std::optional<std::vector<std::string>> scopes;
  };

  std::string header_name_;
  std::vector<Key> keys_;
};

}  // namespace nmshd::connector
