#include "connector/app/connector_health.h"

#include "logging/log_system.h"
#include "transport/account/account.h"

namespace nmshd::connector {

namespace {
constexpr auto kAuthenticationValidity = std::chrono::minutes(5);
}

ConnectorHealth::ConnectorHealth(storage::Database& db, transport::BackboneClientOptions backbone,
                                 transport::DeviceCredentials credentials)
    : db_(db), probe_(std::move(backbone)) {
  probe_.SetDeviceCredentials(std::move(credentials));
}

HealthReport ConnectorHealth::Check() {
  HealthReport report;
  try {
    db_.Count(transport::Account::kCollection);
    report.database = true;
  } catch (const std::exception& e) {
    logging::GetLogger("HealthChecker").Warn("database check failed: {}", e.what());
  }
  const int status = probe_.Probe("/health");
  report.backboneConnection = status >= 200 && status < 300;

  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (authenticated_at_ && now - *authenticated_at_ < kAuthenticationValidity) {
    report.backboneAuthentication = true;
  } else {
    try {
      probe_.InvalidateToken();
      probe_.AccessToken();
      authenticated_at_ = now;
      report.backboneAuthentication = true;
    } catch (const std::exception& e) {
      authenticated_at_.reset();
      logging::GetLogger("HealthChecker").Warn("backbone authentication check failed: {}", e.what());
    }
  }
  return report;
}

}  // namespace nmshd::connector
