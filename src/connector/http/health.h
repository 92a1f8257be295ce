#pragma once
// GET /health (connector-surface §2): the three checks of HealthChecker.ts, rendered as
//   {"isHealthy": bool, "services": {"database": "healthy"|"unhealthy",
//                                    "backboneConnection": …, "backboneAuthentication": …}}
// and answered 200 when healthy, else 500.
//
// Concurrent requests share one in-flight check, as officially: a caller that arrives while a check
// runs waits for that check's report instead of starting another (the checks call the Backbone).
#include <boost/json.hpp>
#include <functional>
#include <future>
#include <mutex>

namespace nmshd::connector {

struct HealthReport {
  bool database = false;
  bool backboneConnection = false;
  bool backboneAuthentication = false;

  bool healthy() const { return database && backboneConnection && backboneAuthentication; }
  boost::json::object ToJson() const;
};

class HealthCheck {
 public:
  // A check that throws counts as every service unhealthy.
  explicit HealthCheck(std::function<HealthReport()> check) : check_(std::move(check)) {}

  HealthReport Run();

 private:
  std::function<HealthReport()> check_;
  std::mutex mutex_;
  std::shared_future<HealthReport> in_flight_;
};

}  // namespace nmshd::connector
