#include "connector/webhooks/webhook_endpoint.h"

#include <strings.h>

#include <exception>
#include <utility>
#include <vector>

#include "base/js_json.h"
#include "connector/webhooks/webhook_url.h"

namespace nmshd::connector {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

void SetHeader(Headers& headers, const std::string& name, const std::string& value) {
  for (auto& [existing, v] : headers) {
    if (::strcasecmp(existing.c_str(), name.c_str()) == 0) {
      existing = name;
      v = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

}  // namespace

WebhookEndpoint::WebhookEndpoint(std::shared_ptr<const WebhookTarget> target, bool skipTlsCheck,
                                 std::chrono::milliseconds timeout)
    : target_(std::move(target)), skipTlsCheck_(skipTlsCheck), timeout_(timeout) {
  if (const auto* oauth2 = std::get_if<OAuth2Authentication>(&target_->authentication)) {
    tokens_ = std::make_unique<OAuth2TokenSource>(*oauth2, timeout_);
  }
}

std::size_t WebhookEndpoint::TokenFetches() const { return tokens_ ? tokens_->FetchCount() : 0; }

WebhookEndpoint::Outcome WebhookEndpoint::Deliver(CurlSession& session, const Event& event,
                                                  const std::atomic<bool>* abort, logging::Logger& log) {
  const std::string& trigger = event.eventNamespace;
  HttpPost request;
  request.url = FillTrigger(target_->urlTemplate, trigger);
  request.timeout = timeout_;
  request.verifyTls = !skipTlsCheck_;

  boost::json::object payload;
  if (event.data) payload["data"] = *event.data;
  payload["trigger"] = trigger;
  request.body = json::Stringify(payload);

  try {
    log.Debug("sending request to webhook '{}' for trigger '{}': {}", request.url, trigger,
              logging::Personal(request.body));
    SetHeader(request.headers, "Content-Type", "application/json");
    SetHeader(request.headers, "Accept", "application/json, text/plain, */*");
    for (const auto& [name, value] : target_->headers) SetHeader(request.headers, name, value);
    if (!event.correlationId.empty()) SetHeader(request.headers, "x-correlation-id", event.correlationId);
    if (const auto* apiKey = std::get_if<ApiKeyAuthentication>(&target_->authentication)) {
      SetHeader(request.headers, apiKey->headerName, apiKey->apiKey);
    } else if (tokens_) {
      SetHeader(request.headers, "Authorization", "Bearer " + tokens_->Token(session, abort));
    }

    auto response = session.Post(request, abort);
    if (response.status < 200 || response.status > 299) {
      log.Warn("request to webhook '{}' returned status {}. Expected value between 200 and 299.", request.url,
               response.status);
      return Outcome::kRejected;
    }
    log.Debug("request to webhook '{}' was successful", request.url);
    return Outcome::kDelivered;
  } catch (const std::exception& e) {
    log.Error("request to webhook '{}' for trigger '{}' failed: {}", request.url, trigger, e.what());
    return Outcome::kFailed;
  }
}

}  // namespace nmshd::connector
