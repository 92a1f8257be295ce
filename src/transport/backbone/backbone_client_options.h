#pragma once
// Settings and small value types of the Backbone REST client (backbone_client.h).
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace nmshd::transport {

// Header name/value pairs in the order they are sent; names are case-insensitive on the wire.
using HeaderList = std::vector<std::pair<std::string, std::string>>;
// Query parameters in order; a key may repeat (axios writes string arrays as `ids=a&ids=b`).
// Keys and values are raw text: the client percent-encodes them.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct BackboneClientOptions {
  std::string base_url;  // e.g. "http://localhost:8090"; trailing slashes are ignored
  std::string client_id, client_secret;  // the platform client (OAuth client of the Backbone)
  std::chrono::milliseconds timeout{60000};  // platformTimeout: whole request, connect included
  long max_redirects = 10;                   // platformMaxRedirects
  HeaderList additional_headers;             // platformAdditionalHeaders, sent on every call
  // A hostile or broken server must not be able to make us buffer unbounded data; files are at
  // most platformMaxUnencryptedFileSize (10 MiB by default) plus encryption overhead.
  std::size_t max_response_bytes = 120 * 1024 * 1024;
  std::string user_agent = "nmshd-connector-cpp";
  // A token is fetched anew once less than this is left of its lifetime (the official client uses
  // 10 s; more leaves room for slow calls made just before expiry).
  std::chrono::seconds token_refresh_margin{30};
  // Idle easy handles kept for reuse (each keeps its keep-alive connections).
  std::size_t max_idle_connections = 8;
};

struct DeviceCredentials {
  std::string username, password;
};

enum class Auth { kAnonymous, kDevice };

}  // namespace nmshd::transport
