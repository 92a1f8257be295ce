#pragma once
// One configured target at delivery time: fills the URL, builds the official payload and headers,
// authenticates, POSTs and logs the outcome. No retries (as officially): a non-2xx answer is logged
// at WARN, a network or token error at ERROR, and the event is gone for this target.
//
// Payload: {"data": <event data>, "trigger": "<event namespace>"} — the official object literal's key
// order; "data" is absent for events without data. Headers, later ones replacing earlier ones of
// the same name (case-insensitive): Content-Type: application/json and Accept (axios' defaults),
// the configured headers, x-correlation-id (when the event has one), the authentication header
// (ApiKey: <headerName>: <apiKey>; OAuth2: Authorization: Bearer <token>).
#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "connector/events/event.h"
#include "connector/webhooks/curl_session.h"
#include "connector/webhooks/oauth2_token_source.h"
#include "connector/webhooks/webhooks_config.h"
#include "logging/log_system.h"

namespace nmshd::connector {

class WebhookEndpoint {
 public:
  enum class Outcome { kDelivered, kRejected, kFailed };

  WebhookEndpoint(std::shared_ptr<const WebhookTarget> target, bool skipTlsCheck, std::chrono::milliseconds timeout);

  Outcome Deliver(CurlSession& session, const Event& event, const std::atomic<bool>* abort, logging::Logger& log);

  const WebhookTarget& target() const { return *target_; }
  // OAuth2 tokens fetched so far (0 without OAuth2).
  std::size_t TokenFetches() const;

 private:
  std::shared_ptr<const WebhookTarget> target_;
  bool skipTlsCheck_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<OAuth2TokenSource> tokens_;
};

}  // namespace nmshd::connector
