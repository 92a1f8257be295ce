#include "transport/backbone/curl_handle_pool.h"

#include <csignal>
#include <stdexcept>

namespace nmshd::transport {
namespace {

void EnsureCurlGlobal() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
    // Handles run with CURLOPT_NOSIGNAL (the only safe mode with threads), in which libcurl no longer
    // ignores SIGPIPE itself; a TLS write to a connection the peer closed would then kill the
    // process. Only the default disposition is replaced, never a handler someone installed.
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) std::signal(SIGPIPE, SIG_IGN);
  });
}

}  // namespace

CurlHandlePool::CurlHandlePool(std::size_t max_idle) : max_idle_(max_idle) { EnsureCurlGlobal(); }

CurlHandlePool::~CurlHandlePool() {
  for (CURL* handle : idle_) curl_easy_cleanup(handle);
}

CurlHandlePool::Lease CurlHandlePool::Acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      CURL* handle = idle_.back();
      idle_.pop_back();
      return Lease(this, handle);
    }
  }
  CURL* handle = curl_easy_init();
  if (handle == nullptr) throw std::runtime_error("curl_easy_init failed");
  return Lease(this, handle);
}

void CurlHandlePool::Release(CURL* handle) {
  // Options of the previous call (headers, body pointer, callbacks' user data) must not leak into
  // the next one; reset keeps the connection cache.
  curl_easy_reset(handle);
  {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) {
      idle_.push_back(handle);
      return;
    }
  }
  curl_easy_cleanup(handle);
}

}  // namespace nmshd::transport
