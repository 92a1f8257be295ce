#pragma once
// GET /health (connector-surface §2): the three checks of HealthChecker.ts, rendered as
//   {"isHealthy": bool, "services": {"database": "healthy"|"unhealthy",
//                                    "backboneConnection": …, "backboneAuthentication": …},
//    "details": {…}}
// and answered 200 when healthy, else 500. `isHealthy` and `services` are exactly the official
// ones (runtime-types RuntimeHealth: services is a map of "healthy"/"unhealthy" only, so nothing
// else may go there); `details` is ours, a member official clients ignore:
//   lastSuccessfulSync      ISO time of the last sync that finished, null before the first
//   syncLagSeconds          seconds since then, null before the first
//   databaseLatencyMs       how long the database check took, null when it failed
//   dataFolderFreeBytes     free bytes for this user on the data folder's file system, null when
//                           unknown
//   keyMaterialReadable     the master key can be read again from its source and is the key in use
//                           (a restart would succeed), null when not checked
//
// GET /health/ready (ours): 200 when the three official checks and the key material are fine, else
// 503: {"isReady": bool, "services": {…the three…, "keyMaterial": "healthy"|"unhealthy"}}.
// GET /health/live answers from the request pipeline without any check (see connector_api.h).
//
// Concurrent requests share one in-flight check, as officially: a caller that arrives while a check
// runs waits for that check's report instead of starting another (the checks call the Backbone).
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>

namespace nmshd::connector {

struct HealthDetails {
  std::optional<std::string> lastSuccessfulSync;
  std::optional<std::int64_t> syncLagSeconds;
  std::optional<double> databaseLatencyMs;
  std::optional<std::uint64_t> dataFolderFreeBytes;
  std::optional<bool> keyMaterialReadable;

  boost::json::object ToJson() const;
};

struct HealthReport {
  // Not an aggregate, so HealthReport{db, connection, authentication} leaves `details` empty
  // without a missing-initializer warning.
  HealthReport(bool database_ok = false, bool connection_ok = false, bool authentication_ok = false)
      : database(database_ok), backboneConnection(connection_ok), backboneAuthentication(authentication_ok) {}

  bool database = false;
  bool backboneConnection = false;
  bool backboneAuthentication = false;
  // Absent: no "details" member (a check that could not run).
  std::optional<HealthDetails> details;

  bool healthy() const { return database && backboneConnection && backboneAuthentication; }
  // Key material that was not checked does not hold readiness back.
  bool ready() const { return healthy() && (!details || details->keyMaterialReadable.value_or(true)); }
  boost::json::object ToJson() const;
  boost::json::object ReadinessJson() const;
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
