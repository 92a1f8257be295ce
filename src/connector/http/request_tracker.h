#pragma once
// The counters behind GET /Monitoring/Requests (RequestTracker.ts): every finished response,
// including /health and 401s, counted since the API was created.
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <mutex>

#include "base/iso_date.h"

namespace nmshd::connector {

class RequestTracker {
 public:
  explicit RequestTracker(TimePoint since) : since_(since) {}

  void Record(int status);
  // {"since": ISO, "requestCount": n, "requestCountByStatus": {"200": n, …}} (statuses ascending,
  // as JavaScript orders integer-like keys).
  boost::json::object ToJson() const;

 private:
  const TimePoint since_;
  mutable std::mutex mutex_;
  std::uint64_t total_ = 0;
  std::map<int, std::uint64_t> by_status_;
};

}  // namespace nmshd::connector
