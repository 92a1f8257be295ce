#pragma once
// One blocking HTTP exchange on a libcurl easy handle, with the safety settings every Backbone call
// needs: TLS verification on, only http/https (also for redirects), bounded redirects, a total
// timeout and a cap on the response size.
#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "transport/backbone/backbone_client_options.h"

namespace nmshd::transport {

struct HttpRequest {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  std::string url;
  HeaderList headers;
  std::optional<std::string> body;  // sent as is when set
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // names lower-cased, those of the final answer after redirects
  std::string body;

  // First header of that name (case-insensitive).
  std::optional<std::string> Header(std::string_view name) const;
};

struct TransferSettings {
  std::chrono::milliseconds timeout{60000};
  long max_redirects = 10;
  std::size_t max_response_bytes = 120 * 1024 * 1024;
  std::string user_agent;
  // Explicit proxy URL; "" leaves the choice to libcurl (http_proxy, HTTPS_PROXY, ALL_PROXY,
  // NO_PROXY from the environment).
  std::string proxy;
};

// No HTTP answer was received (or it was too large to keep). `kind` selects the official error code.
class TransferFailure : public std::runtime_error {
 public:
  enum class Kind { kTimeout, kAddressNotFound, kBodyTooLarge, kOther };
  TransferFailure(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

// Runs the request on `handle` (whose options must be reset). Throws TransferFailure.
HttpResponse PerformTransfer(CURL* handle, const HttpRequest& request, const TransferSettings& settings);

// --- shared with streaming_transfer.cpp ------------------------------------------------------------

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderSlist = std::unique_ptr<curl_slist, SlistDeleter>;

// Sets what every exchange with the Backbone needs on `handle` (options reset): URL, method, body,
// headers (kept alive by `header_list`), TLS verification, http/https only (also for redirects),
// bounded redirects, TCP keep-alive, decompression, user agent, proxy and `error_buffer`
// (CURL_ERROR_SIZE bytes). Timeouts, size limits and callbacks are the caller's. `request` must
// outlive the transfer (libcurl reads the body from it). Throws TransferFailure.
void PrepareTransfer(CURL* handle, const HttpRequest& request, const TransferSettings& settings,
                     HeaderSlist& header_list, char* error_buffer);
// The failure kind of a libcurl result; `exceeded`: a write callback refused an oversized body.
TransferFailure::Kind FailureKindOf(CURLcode code, bool exceeded);
// Adds one received header line to `headers` (name lower-cased, value trimmed); a status line
// clears them, because only the final answer of a redirect chain counts.
void AddHeaderLine(std::string_view line, HeaderList& headers);

}  // namespace nmshd::transport
