#include "transport/backbone/backbone_client.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <utility>

#include "base/ascii_case.h"
#include "base/js_json.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"
#include "transport/backbone/curl_handle_pool.h"
#include "transport/backbone/device_token_cache.h"
#include "transport/backbone/http_transfer.h"
#include "transport/backbone/response_reader.h"
#include "transport/backbone/streaming_transfer.h"
#include "transport/backbone/token_grant.h"
#include "transport/backbone/url_encoding.h"

namespace nmshd::transport {
namespace {

// A Backbone with more pages than this is broken or hostile; each page is a full answer in memory.
constexpr std::int64_t kMaxPages = 10000;

// Later values replace earlier ones of the same name, so callers can override defaults.
void SetHeader(HeaderList& headers, const std::string& name, const std::string& value) {
  std::erase_if(headers, [&](const auto& entry) { return EqualsIgnoringAsciiCase(entry.first, name); });
  headers.emplace_back(name, value);
}

bool IsSafeHeaderText(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// Visible ASCII only: a space or line break in the request target would be sent on or rejected by
// libcurl in ways the caller did not mean.
bool IsSafePath(std::string_view path) {
  return !path.empty() && path.front() == '/' &&
         std::all_of(path.begin(), path.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

// libcurl reads only the lower-case http_proxy for http:// URLs (a CGI precaution); the Connector is
// no CGI program and operators commonly set HTTP_PROXY, as the official Connector honours it.
std::string ProxyFromUpperCaseEnvironment(std::string_view base_url) {
  if (!base_url.starts_with("http://")) return "";
  if (const char* lower = std::getenv("http_proxy"); lower != nullptr && *lower != '\0') return "";
  const char* upper = std::getenv("HTTP_PROXY");
  return upper != nullptr ? upper : "";
}

std::string TrimTrailingSlashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::int64_t NumberOr(const boost::json::object& object, std::string_view key, std::int64_t fallback) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) return fallback;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64()) return static_cast<std::int64_t>(std::min<std::uint64_t>(value->get_uint64(), INT64_MAX));
  if (value->is_double()) return static_cast<std::int64_t>(value->get_double());
  return fallback;
}

// A request body and its content type.
struct Body {
  std::string content;
  std::string content_type;
};

}  // namespace

std::optional<std::string> BackboneResult::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoringAsciiCase(key, name)) return value;
  }
  return std::nullopt;
}

struct BackboneClient::Impl {
  explicit Impl(BackboneClientOptions opts)
      : options(std::move(opts)),
        base_url(TrimTrailingSlashes(options.base_url)),
        transfer_settings{options.timeout, options.max_redirects, options.max_response_bytes, options.user_agent,
               ProxyFromUpperCaseEnvironment(base_url)},
        pool(options.max_idle_connections),
        tokens(options.token_refresh_margin, [this](const DeviceCredentials& c) { return FetchToken(c); }),
        log(logging::GetLogger("transport.backbone")) {}

  // The headers every call sends, then the caller's.
  HeaderList BuildHeaders(const HeaderList& extra, const std::optional<Body>& body, const std::string* token,
                          std::string_view label, std::string_view path) const {
    HeaderList headers{{"Accept", "application/json, text/plain, */*"}};
    if (body) headers.emplace_back("Content-Type", body->content_type);
    for (const auto& [name, value] : options.additional_headers) SetHeader(headers, name, value);
    if (const auto& correlation_id = logging::CurrentCorrelationId(); !correlation_id.empty()) {
      SetHeader(headers, "x-correlation-id", correlation_id);
    }
    for (const auto& [name, value] : extra) SetHeader(headers, name, value);
    if (token != nullptr) SetHeader(headers, "Authorization", "Bearer " + *token);
    for (const auto& [name, value] : headers) {
      if (name.empty() || !IsSafeHeaderText(name) || !IsSafeHeaderText(value)) {
        throw BackboneError("error.transport.request.unknown", "A header name or value contains a line break.",
                            std::string(label), std::string(path), 0);
      }
    }
    return headers;
  }

  std::string BuildUrl(std::string_view path, const QueryParams& query) const {
    std::string url = base_url + std::string(path);
    if (!query.empty()) {
      url += path.find('?') == std::string_view::npos ? '?' : '&';
      url += EncodeQuery(query);
    }
    return url;
  }

  // One HTTP exchange, logged without bodies or tokens. Throws TransferFailure.
  HttpResponse Exchange(const std::string& method, std::string_view label, std::string_view path,
                        const QueryParams& query, const HeaderList& extra, const std::optional<Body>& body,
                        const std::string* token) {
    if (!IsSafePath(path)) {
      throw BackboneError("error.transport.request.unknown", "The request path is not a valid absolute path.",
                          std::string(label), std::string(path), 0);
    }
    HttpRequest request{method, BuildUrl(path, query), BuildHeaders(extra, body, token, label, path),
                        body ? std::optional<std::string>(body->content) : std::nullopt};
    const auto started = std::chrono::steady_clock::now();
    auto elapsed_ms = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    };
    try {
      auto lease = pool.Acquire();
      HttpResponse response = PerformTransfer(lease.get(), request, transfer_settings);
      log.Debug("{} {} -> {} ({} ms)", label, path, response.status, elapsed_ms());
      return response;
    } catch (const TransferFailure& failure) {
      log.Debug("{} {} failed: {} ({} ms)", label, path, failure.what(), elapsed_ms());
      throw;
    }
  }

  [[noreturn]] void ThrowTransferFailure(const TransferFailure& failure, std::string_view label,
                                         std::string_view path) const {
    switch (failure.kind()) {
      case TransferFailure::Kind::kTimeout:
        throw BackboneError("error.transport.request.aborted",
                            "timeout of " + std::to_string(options.timeout.count()) + "ms exceeded",
                            std::string(label), std::string(path), 0);
      case TransferFailure::Kind::kAddressNotFound:
        throw BackboneError("error.transport.request.addressNotFound", failure.what(), std::string(label),
                            std::string(path), 0);
      case TransferFailure::Kind::kBodyTooLarge:
        throw BackboneError("error.transport.request.bodyLengthExceeded", failure.what(), std::string(label),
                            std::string(path), 413);
      case TransferFailure::Kind::kOther:
        break;
    }
    throw BackboneError("error.transport.request.unknown", failure.what(), std::string(label), std::string(path), 0);
  }

  // An exchange with the device token when asked for, repeated once with a fresh token after a 401
  // (RESTClientAuthenticate.runAuthenticated). Throws BackboneError.
  HttpResponse Send(const std::string& method, std::string_view label, std::string_view path,
                    const QueryParams& query, const HeaderList& extra, const std::optional<Body>& body, Auth auth) {
    try {
      if (auth == Auth::kAnonymous) return Exchange(method, label, path, query, extra, body, nullptr);
      std::string token = tokens.Get();
      HttpResponse response = Exchange(method, label, path, query, extra, body, &token);
      if (response.status != 401) return response;
      log.Debug("{} {} was rejected with 401; retrying once with a new token", label, path);
      tokens.InvalidateIf(token);
      token = tokens.Get();
      return Exchange(method, label, path, query, extra, body, &token);
    } catch (const TransferFailure& failure) {
      ThrowTransferFailure(failure, label, path);
    }
  }

  // One attempt of StreamEvents with `token`.
  StreamOutcome StreamOnce(const std::string& url, std::string_view path, const std::string& token,
                           const EventStreamOptions& stream_options, const StreamCallbacks& callbacks,
                           TransferAbort& abort) {
    const HeaderList extra{{"Accept", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    HttpRequest request{"GET", url, BuildHeaders(extra, std::nullopt, &token, "GET-Stream", path), std::nullopt};
    std::unique_ptr<CURL, void (*)(CURL*)> handle(curl_easy_init(), &curl_easy_cleanup);
    if (!handle) throw BackboneError("error.transport.request.unknown", "curl_easy_init failed", "GET", std::string(path), 0);
    const auto started = std::chrono::steady_clock::now();
    try {
      auto outcome =
          PerformStreamingTransfer(handle.get(), request, transfer_settings, stream_options.idle_timeout, callbacks, abort);
      log.Debug("GET {} (event stream) -> {} after {} ms{}", path, outcome.status,
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count(),
                outcome.aborted ? ", aborted" : "");
      return outcome;
    } catch (const TransferFailure& failure) {
      log.Debug("GET {} (event stream) failed: {}", path, failure.what());
      if (failure.kind() == TransferFailure::Kind::kTimeout) {
        throw BackboneError("error.transport.request.aborted", failure.what(), "GET", std::string(path), 0);
      }
      ThrowTransferFailure(failure, "GET", path);
    }
  }

  AccessTokenGrant FetchToken(const DeviceCredentials& credentials) {
    const std::optional<Body> body =
        Body{TokenRequestBody(options, credentials), "application/x-www-form-urlencoded"};
    HttpResponse response;
    try {
      response = Exchange("POST", "post", kTokenPath, {}, {}, body, nullptr);
    } catch (const TransferFailure& failure) {
      throw BackboneError("error.transport.request.noAuthPossible",
                          std::string("Authentication was not possible. Is the service up and running? Root cause: '") +
                              failure.what() + "'",
                          "post", std::string(kTokenPath), failure.kind() == TransferFailure::Kind::kBodyTooLarge ? 413 : 0);
    }
    return ReadTokenGrant(response);
  }

  BackboneResult CallJson(const std::string& method, std::string_view label, std::string_view path,
                          const QueryParams& query, const HeaderList& extra, const std::optional<Body>& body, Auth auth,
                          ResultShape shape) {
    HttpResponse response = Send(method, label, path, query, extra, body, auth);
    EnvelopeContent content = ReadEnvelope(label, path, response, shape);
    return BackboneResult{response.status, std::move(content.result), std::move(content.pagination),
                          std::move(response.headers)};
  }

  static std::optional<Body> JsonBody(const std::optional<boost::json::value>& json) {
    if (!json) return std::nullopt;
    return Body{json::Stringify(*json), "application/json"};
  }

  BackboneClientOptions options;
  std::string base_url;
  TransferSettings transfer_settings;
  CurlHandlePool pool;
  DeviceTokenCache tokens;
  logging::Logger log;
};

BackboneClient::BackboneClient(BackboneClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

BackboneClient::~BackboneClient() = default;

void BackboneClient::SetDeviceCredentials(DeviceCredentials credentials) {
  impl_->tokens.SetCredentials(std::move(credentials));
}

boost::json::value BackboneClient::Get(std::string_view path, const QueryParams& query, Auth auth,
                                       const HeaderList& headers) {
  return impl_->CallJson("GET", "GET", path, query, headers, std::nullopt, auth, ResultShape::kSingle).result;
}

boost::json::value BackboneClient::Post(std::string_view path, const boost::json::value& body, Auth auth,
                                        const HeaderList& headers) {
  return impl_->CallJson("POST", "POST", path, {}, headers, Impl::JsonBody(body), auth, ResultShape::kSingle).result;
}

boost::json::value BackboneClient::Put(std::string_view path, const boost::json::value& body, Auth auth,
                                       const HeaderList& headers) {
  return impl_->CallJson("PUT", "PUT", path, {}, headers, Impl::JsonBody(body), auth, ResultShape::kSingle).result;
}

boost::json::value BackboneClient::Patch(std::string_view path, const boost::json::value& body, Auth auth,
                                         const HeaderList& headers) {
  return impl_->CallJson("PATCH", "PATCH", path, {}, headers, Impl::JsonBody(body), auth, ResultShape::kSingle).result;
}

boost::json::value BackboneClient::Delete(std::string_view path, Auth auth, const HeaderList& headers) {
  return impl_->CallJson("DELETE", "DELETE", path, {}, headers, std::nullopt, auth, ResultShape::kSingle).result;
}

BackboneResult BackboneClient::Call(std::string_view method, std::string_view path, const CallOptions& options) {
  std::string verb(method);
  std::transform(verb.begin(), verb.end(), verb.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return impl_->CallJson(verb, verb, path, options.query, options.headers, Impl::JsonBody(options.json_body),
                         options.auth, ResultShape::kSingle);
}

boost::json::array BackboneClient::GetAllPages(std::string_view path, const QueryParams& query, Auth auth,
                                               const HeaderList& headers) {
  BackboneResult first = impl_->CallJson("GET", "GET", path, query, headers, std::nullopt, auth, ResultShape::kPage);
  boost::json::array items = std::move(first.result.as_array());
  // Paginator: without a pagination member the first page is all there is.
  std::int64_t page = 1;
  std::int64_t total_pages = 1;
  if (first.pagination.is_object()) {
    page = NumberOr(first.pagination.get_object(), "pageNumber", 1);
    total_pages = NumberOr(first.pagination.get_object(), "totalPages", 1);
  }
  if (total_pages - page > kMaxPages) {
    throw BackboneError("error.platform.unexpected",
                        "The platform announced more than " + std::to_string(kMaxPages) + " pages.", "GET",
                        std::string(path), first.status);
  }
  while (page < total_pages) {
    ++page;
    BackboneResult next = impl_->CallJson("GET", "GET", path, WithParam(query, "pageNumber", std::to_string(page)),
                                          headers, std::nullopt, auth, ResultShape::kPage);
    for (auto& item : next.result.as_array()) items.push_back(std::move(item));
  }
  return items;
}

boost::json::value BackboneClient::PostMultipart(std::string_view path, const std::vector<MultipartPart>& parts,
                                                 Auth auth, const HeaderList& headers) {
  MultipartBody multipart = BuildMultipartBody(parts);
  const std::optional<Body> body = Body{std::move(multipart.body), std::move(multipart.content_type)};
  return impl_->CallJson("POST", "POST-Upload", path, {}, headers, body, auth, ResultShape::kSingle).result;
}

std::string BackboneClient::DownloadBytes(std::string_view path, Auth auth, const HeaderList& headers) {
  HttpResponse response = impl_->Send("GET", "GET-Download", path, {}, headers, std::nullopt, auth);
  return ReadDownload("GET-Download", path, std::move(response));
}

bool BackboneClient::StreamEvents(std::string_view path, const EventStreamOptions& options,
                                  const StreamCallbacks& callbacks, TransferAbort& abort) {
  auto& i = *impl_;
  if (!IsSafePath(path)) {
    throw BackboneError("error.transport.request.unknown", "The request path is not a valid absolute path.", "GET",
                        std::string(path), 0);
  }
  const std::string url = (options.base_url.empty() ? i.base_url : TrimTrailingSlashes(options.base_url)) + std::string(path);
  std::string token = i.tokens.Get();
  StreamOutcome outcome = i.StreamOnce(url, path, token, options, callbacks, abort);
  if (outcome.status == 401 && !outcome.aborted) {
    i.log.Debug("GET {} (event stream) was rejected with 401; retrying once with a new token", path);
    i.tokens.InvalidateIf(token);
    token = i.tokens.Get();
    outcome = i.StreamOnce(url, path, token, options, callbacks, abort);
  }
  if (outcome.aborted) return false;
  if (outcome.status < 200 || outcome.status >= 300) {
    // Throws the official error of the answer.
    ReadDownload("GET", path, HttpResponse{outcome.status, std::move(outcome.headers), std::move(outcome.error_body)});
  }
  return true;
}

int BackboneClient::Probe(std::string_view path) noexcept {
  try {
    return impl_->Exchange("GET", "GET", path, {}, {}, std::nullopt, nullptr).status;
  } catch (...) {
    return 0;
  }
}

std::string BackboneClient::AccessToken() { return impl_->tokens.Get(); }

void BackboneClient::InvalidateToken() { impl_->tokens.Invalidate(); }

const BackboneClientOptions& BackboneClient::options() const { return impl_->options; }

}  // namespace nmshd::transport
