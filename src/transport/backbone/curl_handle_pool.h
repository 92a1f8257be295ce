#pragma once
// Reuse of libcurl easy handles across calls and threads. Each easy handle keeps its own cache of
// live (keep-alive) connections, which curl_easy_reset leaves intact, so handing handles back to a
// pool is what keeps connections to the Backbone open between calls. A handle is used by one thread
// at a time: Acquire() takes it out of the pool, the lease puts it back.
#include <curl/curl.h>

#include <cstddef>
#include <mutex>
#include <vector>

namespace nmshd::transport {

class CurlHandlePool {
 public:
  class Lease {
   public:
    Lease(CurlHandlePool* pool, CURL* handle) : pool_(pool), handle_(handle) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), handle_(other.handle_) { other.handle_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (handle_ != nullptr) pool_->Release(handle_);
    }
    CURL* get() const { return handle_; }

   private:
    CurlHandlePool* pool_;
    CURL* handle_;
  };

  // Initialises libcurl globally once per process (curl_global_init is not thread-safe on every
  // build, so it must not race with the first transfer of another pool).
  explicit CurlHandlePool(std::size_t max_idle);
  ~CurlHandlePool();
  CurlHandlePool(const CurlHandlePool&) = delete;
  CurlHandlePool& operator=(const CurlHandlePool&) = delete;

  // An idle handle (options reset, connections kept) or a new one. Throws std::runtime_error if
  // libcurl cannot create one.
  Lease Acquire();

 private:
  void Release(CURL* handle);

  std::size_t max_idle_;
  std::mutex mutex_;
  std::vector<CURL*> idle_;
};

}  // namespace nmshd::transport
