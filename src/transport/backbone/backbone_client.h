#pragma once
// Blocking REST client of the Backbone API v2, doing what @nmshd/transport's RESTClient,
// RESTClientAuthenticate, AuthClient, Authenticator and Paginator do:
//   * JSON calls answer with the envelope's "result"; failures throw BackboneError with the official
//     codes (response_reader.h, and for network failures: timeout → error.transport.request.aborted,
//     unknown host → addressNotFound, oversized answer → bodyLengthExceeded, anything else →
//     error.transport.request.unknown; status() 0 when no answer arrived);
//   * kDevice calls carry "Authorization: Bearer <token>"; the token (POST /connect/token, password
//     grant) is shared by all threads, fetched again once less than token_refresh_margin is left, and
//     after a 401 the call is repeated exactly once with a fresh token;
//   * every call sends additional_headers, the current correlation id as x-correlation-id, and the
//     caller's headers (later ones replace earlier ones of the same name).
// Calls may run concurrently on any threads; easy handles (and their keep-alive connections) are
// pooled. Event streams (StreamEvents) get a handle of their own for their whole life. Bodies and tokens are never logged: only method, path, status and duration at DEBUG.
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "transport/backbone/backbone_client_options.h"
#include "transport/backbone/backbone_error.h"
#include "transport/backbone/multipart_body.h"

namespace nmshd::transport {

class TransferAbort;    // streaming_transfer.h
struct StreamCallbacks;  // streaming_transfer.h

// How StreamEvents connects.
struct EventStreamOptions {
  std::string base_url;  // empty: the client's base_url
  // An answer silent for this long is given up. The official SSE server sends a keep-alive event
  // every 240 s, ours a comment every 15 s.
  std::chrono::milliseconds idle_timeout{300000};
};

// Everything a call may carry besides method and path.
struct CallOptions {
  QueryParams query;
  Auth auth = Auth::kDevice;
  HeaderList headers;
  std::optional<boost::json::value> json_body;
};

// A JSON call's outcome with what the official ClientResult keeps besides the value.
struct BackboneResult {
  int status = 0;
  boost::json::value result;      // null for 204/304
  boost::json::value pagination;  // the body's "pagination", null when absent
  HeaderList headers;             // response headers, names lower-cased

  std::optional<std::string> Header(std::string_view name) const;  // case-insensitive
};

class BackboneClient {
 public:
  explicit BackboneClient(BackboneClientOptions options);
  ~BackboneClient();
  BackboneClient(const BackboneClient&) = delete;
  BackboneClient& operator=(const BackboneClient&) = delete;

  // The device whose token kDevice calls use; drops the token of a previous device.
  void SetDeviceCredentials(DeviceCredentials credentials);

  // JSON calls: the envelope's "result" (null for 204). Throw BackboneError.
  boost::json::value Get(std::string_view path, const QueryParams& query = {}, Auth auth = Auth::kDevice,
                         const HeaderList& headers = {});
  boost::json::value Post(std::string_view path, const boost::json::value& body, Auth auth = Auth::kDevice,
                          const HeaderList& headers = {});
  boost::json::value Put(std::string_view path, const boost::json::value& body, Auth auth = Auth::kDevice,
                         const HeaderList& headers = {});
  boost::json::value Patch(std::string_view path, const boost::json::value& body, Auth auth = Auth::kDevice,
                           const HeaderList& headers = {});
  boost::json::value Delete(std::string_view path, Auth auth = Auth::kDevice, const HeaderList& headers = {});
  // Any method with status, pagination and response headers (e.g. GET /Tags with If-None-Match,
  // which answers 304 with a null result).
  BackboneResult Call(std::string_view method, std::string_view path, const CallOptions& options = {});

  // The items of all pages: the first request carries `query`, the following ones add
  // pageNumber=2,3,… until the first answer's pagination.totalPages (no pagination = one page).
  boost::json::array GetAllPages(std::string_view path, const QueryParams& query = {}, Auth auth = Auth::kDevice,
                                 const HeaderList& headers = {});

  // multipart/form-data POST (file upload); result as Post.
  boost::json::value PostMultipart(std::string_view path, const std::vector<MultipartPart>& parts,
                                   Auth auth = Auth::kDevice, const HeaderList& headers = {});
  // The raw body of a 2xx answer (file download); errors as for JSON calls.
  std::string DownloadBytes(std::string_view path, Auth auth = Auth::kDevice, const HeaderList& headers = {});

  // A long-lived GET of an event stream (SSE) with the device token, fetched for this call (a 401
  // is answered by one retry with a fresh token), additional_headers and Accept: text/event-stream.
  // callbacks.on_open runs once the server accepted (2xx), on_data with every piece of the body as
  // it arrives. Returns true when the server ended the answer, false when `abort` fired. Throws
  // BackboneError: the official codes of a non-2xx answer, or for network failures as the other
  // calls (no data for options.idle_timeout: error.transport.request.aborted).
  bool StreamEvents(std::string_view path, const EventStreamOptions& options, const StreamCallbacks& callbacks,
                    TransferAbort& abort);

  // Anonymous GET of <base_url><path>: the HTTP status, 0 when there was no answer. Never throws.
  int Probe(std::string_view path) noexcept;

  // The current device token, fetched first when missing or close to expiry. Throws BackboneError
  // (error.transport.request.noAuthPossible / noAuthGrant).
  std::string AccessToken();
  // Forgets the token, so the next kDevice call fetches a new one.
  void InvalidateToken();

  const BackboneClientOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nmshd::transport
