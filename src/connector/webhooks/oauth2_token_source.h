#pragma once
// Access tokens for a target with OAuth2 client-credentials authentication, as the official
// OAuth2TargetAuthenticator: fetched on first use, reused until `expires_in` − 10 s after it was
// received, then fetched again. One fetch at a time per target; callers arriving meanwhile wait and
// use its token. The token request always verifies TLS (officially it does not use the module's
// skipTlsCheck agent) and follows no redirects.
#include <chrono>
#include <mutex>
#include <string>

#include "connector/webhooks/curl_session.h"
#include "connector/webhooks/webhooks_config.h"

namespace nmshd::connector {

class OAuth2TokenSource {
 public:
  OAuth2TokenSource(OAuth2Authentication config, std::chrono::milliseconds timeout);

  // A valid token. Throws CodedError "error.connector.webhooks.tokenRequestFailed" when the token
  // endpoint does not answer 200 with {"access_token": string, "expires_in": number}, or
  // "error.connector.webhooks.requestFailed" on network errors.
  std::string Token(CurlSession& session, const std::atomic<bool>* abort = nullptr);

  // Times a token was fetched (for tests and metrics).
  std::size_t FetchCount() const;

 private:
  using Clock = std::chrono::steady_clock;

  OAuth2Authentication config_;
  std::chrono::milliseconds timeout_;
  mutable std::mutex mutex_;
  std::string token_;
  Clock::time_point renewAt_{};
  std::size_t fetches_ = 0;
};

}  // namespace nmshd::connector
