#include "transport/modules/tags/tag_collection_cache.h"

#include <utility>

namespace nmshd::transport {

TagCollectionCache::TagCollectionCache(BackboneClient& backbone, std::chrono::steady_clock::duration lifetime,
                                       Clock clock)
    : backbone_(backbone), lifetime_(lifetime), clock_(std::move(clock)) {}

boost::json::value TagCollectionCache::Get() {
  std::lock_guard lock(mutex_);
  const auto now = clock_();
  if (collection_ && now - fetched_at_ < lifetime_) return *collection_;

  CallOptions options;
  if (collection_ && !etag_.empty()) options.headers.emplace_back("If-None-Match", etag_);
  auto answer = backbone_.Call("GET", "/api/v2/Tags", options);
  if (answer.status != 304 || !collection_) {
    collection_ = std::move(answer.result);
    etag_ = answer.Header("etag").value_or("");
  }
  fetched_at_ = now;
  return *collection_;
}

}  // namespace nmshd::transport
