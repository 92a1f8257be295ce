#pragma once
// Blocking HTTP POSTs with libcurl for the webhooks module. One session per worker thread: its easy
// handle keeps connections alive between calls (the official module uses keep-alive agents).
// Redirects are never followed (official maxRedirects: 0): a 3xx is just a status.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nmshd::connector {

struct HttpPost {
  std::string url;
  // Sent in this order; "Expect:" is always suppressed (no 100-continue round trip).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};
  bool verifyTls = true;
  std::optional<std::pair<std::string, std::string>> basicAuth;  // user, password
};

struct HttpPostResult {
  long status = 0;
  std::string body;  // at most kMaxResponseBody bytes
};

class CurlSession {
 public:
  static constexpr std::size_t kMaxResponseBody = 64 * 1024;

  CurlSession();
  ~CurlSession();
  CurlSession(const CurlSession&) = delete;
  CurlSession& operator=(const CurlSession&) = delete;

  // Any HTTP status is a result. Network problems (DNS, connect, TLS, timeout, abort) throw
  // CodedError "error.connector.webhooks.requestFailed" with curl's reason. When `abort` turns true
  // the transfer stops within about a second.
  HttpPostResult Post(const HttpPost& request, const std::atomic<bool>* abort = nullptr);

 private:
  void* curl_;
};

}  // namespace nmshd::connector
