#include "connector/http/request_tracker.h"

namespace nmshd::connector {

void RequestTracker::Record(int status) {
  std::lock_guard lock(mutex_);
  ++total_;
  ++by_status_[status];
}

boost::json::object RequestTracker::ToJson() const {
  std::lock_guard lock(mutex_);
  boost::json::object by_status;
  for (const auto& [status, count] : by_status_) by_status[std::to_string(status)] = count;
  boost::json::object o;
  o["since"] = FormatIsoUtc(since_);
  o["requestCount"] = total_;
  o["requestCountByStatus"] = std::move(by_status);
  return o;
}

}  // namespace nmshd::connector
