#include "connector/app/connector_health.h"

#include "base/iso_date.h"
#include "logging/log_system.h"

namespace nmshd::connector {

namespace {
constexpr auto kAuthenticationValidity = std::chrono::minutes(5);
}

ConnectorHealth::ConnectorHealth(ConnectorHealthSources sources)
    : sources_(std::move(sources)), probe_(sources_.backbone) {
  probe_.SetDeviceCredentials(sources_.credentials);
}

HealthReport ConnectorHealth::Check() {
  auto log = logging::GetLogger("HealthChecker");
  HealthReport report;
  HealthDetails details;
  try {
    const auto started = std::chrono::steady_clock::now();
    sources_.db.Ping();
    details.databaseLatencyMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    report.database = true;
  } catch (const std::exception& e) {
    log.Warn("database check failed: {}", e.what());
  }
  if (report.database && sources_.last_sync) {
    try {
      if (const auto last = sources_.last_sync()) {
        const auto millis = std::chrono::time_point_cast<std::chrono::milliseconds>(*last);
        details.lastSuccessfulSync = FormatIsoUtc(millis);
        details.syncLagSeconds =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - *last).count();
      }
    } catch (const std::exception& e) {
      log.Warn("reading the last sync failed: {}", e.what());
    }
  }
  std::error_code ec;
  const auto space = std::filesystem::space(sources_.data_folder, ec);
  if (!ec) details.dataFolderFreeBytes = space.available;
  if (sources_.key_material_readable) {
    details.keyMaterialReadable = sources_.key_material_readable();
    if (!*details.keyMaterialReadable) log.Warn("the key material cannot be read from its source any more");
  }

  const int status = probe_.Probe("/health");
  report.backboneConnection = status >= 200 && status < 300;

  {
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
        log.Warn("backbone authentication check failed: {}", e.what());
      }
    }
  }
  report.details = std::move(details);
  return report;
}

}  // namespace nmshd::connector
