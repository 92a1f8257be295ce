#pragma once
// The three checks of the official HealthChecker.ts:
//   database               a read on our database (the official one pings MongoDB);
//   backboneConnection     GET <baseUrl>/health answers 2xx;
//   backboneAuthentication a fresh device token can be obtained, on a client of its own so the
//                          token the connector works with is not disturbed; a success counts for
//                          five minutes, as officially.
#include <chrono>
#include <mutex>
#include <optional>

#include "connector/http/health.h"
#include "storage/document_store.h"
#include "transport/backbone/backbone_client.h"

namespace nmshd::connector {

class ConnectorHealth {
 public:
  ConnectorHealth(storage::Database& db, transport::BackboneClientOptions backbone,
                  transport::DeviceCredentials credentials);
  HealthReport Check();

 private:
  storage::Database& db_;
  transport::BackboneClient probe_;
  std::mutex mutex_;
  std::optional<std::chrono::steady_clock::time_point> authenticated_at_;
};

}  // namespace nmshd::connector
