#pragma once
// The Backbone's attribute tag collection (GET /api/v2/Tags), kept for a while as transport 7.0.0
// does (AttributesController.getAttributeTagCollection with tagCacheLifetimeInMinutes = 5, which
// the Connector's config cannot change): checking "bkb:" tags of attributes, queries and file
// uploads then costs no Backbone round trip, and in particular none while a request's write
// transaction is open. After the lifetime the copy is revalidated with If-None-Match; a 304 keeps
// it for another lifetime.
//
// Kept in memory, not in the database as the official does: after a restart the first check
// fetches again, which is the only difference. Callers asking at the same time share one fetch.
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "transport/backbone/backbone_client.h"

namespace nmshd::transport {

class TagCollectionCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  static constexpr std::chrono::minutes kDefaultLifetime{5};

  explicit TagCollectionCache(BackboneClient& backbone, std::chrono::steady_clock::duration lifetime = kDefaultLifetime,
                              Clock clock = std::chrono::steady_clock::now);

  // The collection ({supportedLanguages, tagsForAttributeValueTypes}); throws BackboneError when it
  // has to be fetched and the Backbone does not answer.
  boost::json::value Get();

 private:
  BackboneClient& backbone_;
  const std::chrono::steady_clock::duration lifetime_;
  const Clock clock_;
  // Held across the fetch so concurrent callers wait for it instead of fetching too.
  std::mutex mutex_;
  std::optional<boost::json::value> collection_;
  std::string etag_;
  std::chrono::steady_clock::time_point fetched_at_{};
};

}  // namespace nmshd::transport
