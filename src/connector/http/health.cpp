#include "connector/http/health.h"

namespace nmshd::connector {

boost::json::object HealthReport::ToJson() const {
  auto state = [](bool ok) { return ok ? "healthy" : "unhealthy"; };
  boost::json::object services;
  services["database"] = state(database);
  services["backboneConnection"] = state(backboneConnection);
  services["backboneAuthentication"] = state(backboneAuthentication);
  boost::json::object o;
  o["isHealthy"] = healthy();
  o["services"] = std::move(services);
  return o;
}

HealthReport HealthCheck::Run() {
  std::promise<HealthReport> promise;
  std::shared_future<HealthReport> report;
  bool runs_the_check = false;
  {
    std::lock_guard lock(mutex_);
    if (!in_flight_.valid()) {
      in_flight_ = promise.get_future().share();
      runs_the_check = true;
    }
    report = in_flight_;
  }
  if (runs_the_check) {
    HealthReport result;
    try {
      if (check_) result = check_();
    } catch (...) {
      result = HealthReport{};
    }
    {
      std::lock_guard lock(mutex_);
      in_flight_ = {};
    }
    promise.set_value(result);
  }
  return report.get();
}

}  // namespace nmshd::connector
