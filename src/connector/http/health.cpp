#include "connector/http/health.h"

namespace nmshd::connector {

namespace {

const char* State(bool ok) { return ok ? "healthy" : "unhealthy"; }

boost::json::object OfficialServices(const HealthReport& report) {
  boost::json::object services;
  services["database"] = State(report.database);
  services["backboneConnection"] = State(report.backboneConnection);
  services["backboneAuthentication"] = State(report.backboneAuthentication);
  return services;
}

template <class T>
boost::json::value OrNull(const std::optional<T>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object HealthDetails::ToJson() const {
  boost::json::object o;
  o["lastSuccessfulSync"] = OrNull(lastSuccessfulSync);
  o["syncLagSeconds"] = OrNull(syncLagSeconds);
  o["databaseLatencyMs"] = OrNull(databaseLatencyMs);
  o["dataFolderFreeBytes"] = OrNull(dataFolderFreeBytes);
  o["keyMaterialReadable"] = OrNull(keyMaterialReadable);
  return o;
}

boost::json::object HealthReport::ToJson() const {
  boost::json::object o;
  o["isHealthy"] = healthy();
  o["services"] = OfficialServices(*this);
  if (details) o["details"] = details->ToJson();
  return o;
}

boost::json::object HealthReport::ReadinessJson() const {
  auto services = OfficialServices(*this);
  services["keyMaterial"] = State(!details || details->keyMaterialReadable.value_or(true));
  boost::json::object o;
  o["isReady"] = ready();
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
