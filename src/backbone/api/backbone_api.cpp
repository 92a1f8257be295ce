#include "api/backbone_api.h"

#include <strings.h>

#include <functional>
#include <string>

#include "api/error_responses.h"
#include "base/coded_error.h"
#include "logging/correlation_id.h"
#include "metrics/process_metrics.h"
#include "metrics/scraped_counters.h"
#include "metrics/scraped_gauge.h"
#include "storage/deferred_durability.h"

namespace nmshd::backbone {

namespace {

// Accept a client's correlation id only when it cannot break log lines or headers.
bool IsSaneCorrelationId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

// Read at every scrape from the counters the sync routes keep (sync/sync_activity.h).
void AddSyncActivityMetrics(metrics::Registry& registry, std::shared_ptr<SyncActivity> activity) {
  if (!activity) return;
  const auto value = [](const std::atomic<std::uint64_t>& counter) { return static_cast<double>(counter.load()); };
  registry.Add(std::make_shared<metrics::ScrapedCounters>(
      "nmshd_backbone_sync_runs_total", "Answers to POST /api/v2/SyncRuns: a run created, or no new events.", "result",
      [activity, value] {
        return metrics::ScrapedCounters::Values{{"created", value(activity->runs_created)},
                                                {"noNewEvents", value(activity->runs_no_new_events)}};
      }));
  registry.Add(std::make_shared<metrics::ScrapedCounters>(
      "nmshd_backbone_sync_runs_finalized_total", "Sync runs finalized by their device, by type.", "type",
      [activity, value] {
        return metrics::ScrapedCounters::Values{{"ExternalEventSync", value(activity->event_runs_finalized)},
                                                {"DatawalletVersionUpgrade", value(activity->upgrade_runs_finalized)}};
      }));
  registry.Add(std::make_shared<metrics::ScrapedCounters>(
      "nmshd_backbone_external_events_total",
      "External events by stage: created for an identity, finalized as processed, or finalized as failed (error "
      "code or not reported back).",
      "stage", [activity, value] {
        return metrics::ScrapedCounters::Values{{"created", value(activity->events_created)},
                                                {"processed", value(activity->events_processed)},
                                                {"failed", value(activity->events_failed)}};
      }));
}

}  // namespace

BackboneApi::BackboneApi(const BackboneContext& context, auth::AccessTokens& tokens)
    : context_(context),
      tokens_(tokens),
      log_(logging::GetLogger("backbone.api")),
      http_metrics_(std::make_unique<metrics::HttpRequestMetrics>(*metrics_, "nmshd_backbone")) {
  metrics_->Add(std::make_shared<metrics::ScrapedGauge>(
      "nmshd_backbone_database_size_bytes", "Bytes the Backbone's database occupies.",
      [&db = context_.db] { return std::optional<double>(static_cast<double>(db.SizeBytes())); }));
  AddSyncActivityMetrics(*metrics_, context_.sync_activity);
  metrics::AddProcessMetrics(*metrics_);
  Anonymous("GET", "/metrics", [registry = metrics_.get()](http::Request&) {
    return http::Response::Bytes(200, std::string(metrics::kTextFormatContentType), registry->Render());
  });
}

std::string BackboneApi::BearerToken(const http::Request& request) {
  auto header = request.Header("Authorization");
  if (!header) return {};
  const std::string& h = *header;
  constexpr std::string_view kScheme = "Bearer ";
  if (h.size() <= kScheme.size() || strncasecmp(h.c_str(), kScheme.data(), kScheme.size()) != 0) return {};
  auto start = h.find_first_not_of(' ', kScheme.size());
  if (start == std::string::npos) return {};
  auto end = h.find_last_not_of(' ');
  return h.substr(start, end - start + 1);
}

std::optional<Caller> BackboneApi::Authenticate(const http::Request& request) const {
  auto token = BearerToken(request);
  if (token.empty()) return std::nullopt;
  return tokens_.Resolve(token, context_.now());
}

void BackboneApi::Authenticated(std::string method, std::string pattern, AuthenticatedHandler h) {
  router_.Add(std::move(method), pattern, [this, h = std::move(h)](http::Request& request) {
    if (BearerToken(request).empty()) return UnauthorizedResponse("The access token is missing.");
    auto caller = Authenticate(request);
    if (!caller) return UnauthorizedResponse("The access token is not valid or has expired.");
    return h(request, *caller);
  });
}

void BackboneApi::Anonymous(std::string method, std::string pattern, AnonymousHandler h) {
  router_.Add(std::move(method), pattern, std::move(h));
}

void BackboneApi::OptionalAuth(std::string method, std::string pattern, OptionalAuthHandler h) {
  router_.Add(std::move(method), pattern, [this, h = std::move(h)](http::Request& request) {
    auto caller = Authenticate(request);
    return h(request, caller ? &*caller : nullptr);
  });
}

http::Response BackboneApi::Dispatch(http::Request& request, std::string& route) const {
  auto match = router_.Find(request);
  route = match.outcome == http::Router::Outcome::kFound ? *match.pattern : std::string(metrics::kUnmatchedRoute);
  if (match.outcome == http::Router::Outcome::kNotFound) return http::Response{404, {}, {}};
  if (match.outcome == http::Router::Outcome::kMethodNotAllowed) {
    http::Response r{405, {}, {}};
    r.SetHeader("Allow", match.allowed_methods);
    return r;
  }
  try {
    return (*match.handler)(request);
  } catch (const CodedError& e) {
    if (IsInternalErrorCode(e.code())) {
      log_.Error("{} {} failed: {} ({})", request.method, request.path, e.what(), e.code());
      return UnexpectedErrorResponse();
    }
    int status = StatusForErrorCode(e.code());
    log_.Debug("{} {} -> {} {}: {}", request.method, request.path, status, e.code(), e.what());
    return ErrorResponse(status, e.code(), e.what());
  } catch (const std::exception& e) {
    log_.Error("{} {} failed unexpectedly: {}", request.method, request.path, e.what());
    return UnexpectedErrorResponse();
  }
}

http::Response BackboneApi::Handle(http::Request& request) const {
  std::string correlation_id;
  if (auto header = request.Header("x-correlation-id"); header && IsSaneCorrelationId(*header)) {
    correlation_id = *header;
  } else {
    correlation_id = logging::NewCorrelationId();
  }
  logging::CorrelationScope scope(correlation_id);
  const auto started = std::chrono::steady_clock::now();
  http::Response response;
  std::string route(metrics::kUnmatchedRoute);
  // The handler's commits do not wait for their flush on this thread: the server holds the answer
  // until what the handler committed or read is durable (deferred_durability.h), and this thread
  // takes the next request meanwhile. Nothing else the handler does leaves the process before
  // that, except the SSE hint to sync (external_event_notifier.h): the sync it prompts is itself an
  // answer that waits for the same flush.
  storage::DeferredDurability deferred;
  try {
    response = Dispatch(request, route);
  } catch (...) {
    response = UnexpectedErrorResponse();
  }
  if (!deferred.debt().empty()) {
    response.ready_when = [debt = deferred.debt()](std::function<void(const std::string&)> done) {
      debt.WhenSettled(std::move(done));
    };
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  try {
    http_metrics_->Record(request.method, route, response.status, elapsed);
  } catch (...) {
    // out of memory for a new series: the answer itself is still good
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  response.SetHeader("x-correlation-id", correlation_id);
  response.SetHeader("x-response-duration-ms", std::to_string(ms));
  log_.Debug("{} {} -> {} in {} ms", request.method, request.path, response.status, ms);
  return response;
}

http::Response BackboneApi::RenderProtocolError(int status, const std::string& detail) const {
  // Rejected before routing (no method or route known here); every branch answers with `status`.
  try {
    http_metrics_->Record("", metrics::kUnmatchedRoute, status, std::chrono::steady_clock::duration::zero());
  } catch (...) {
    // out of memory for a new series: the answer itself is still good
  }
  switch (status) {
    case 413:
      return ErrorResponse(413, "error.platform.requestBodyTooLarge", detail);
    case 500:
      log_.Error("request failed: {}", detail);
      return UnexpectedErrorResponse();
    default:
      return ErrorResponse(status, "error.platform.inputCannotBeParsed", detail);
  }
}

}  // namespace nmshd::backbone
