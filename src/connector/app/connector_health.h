#pragma once
// The checks behind GET /health and /health/ready (health.h).
// The three of the official HealthChecker.ts:
//   database               the database answers (storage::Database::Ping; the official one pings
//                          MongoDB);
//   backboneConnection     GET <baseUrl>/health answers 2xx;
//   backboneAuthentication a fresh device token can be obtained, on a client of its own so the
//                          token the connector works with is not disturbed; a success counts for
//                          five minutes, as officially.
// And our details: time since the last successful sync, the database check's latency, free space
// on the data folder's file system, and whether the key material can still be read.
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>

#include "connector/http/health.h"
#include "storage/document_store.h"
#include "transport/backbone/backbone_client.h"

namespace nmshd::connector {

struct ConnectorHealthSources {
  storage::Database& db;
  transport::BackboneClientOptions backbone;
  transport::DeviceCredentials credentials;
  // The last successful sync, nullopt before the first; may throw (the database is gone).
  std::function<std::optional<std::chrono::system_clock::time_point>()> last_sync;
  std::filesystem::path data_folder;
  // Whether the master key can be read again from where it came from and is the key in use.
  std::function<bool()> key_material_readable;
};

class ConnectorHealth {
 public:
  explicit ConnectorHealth(ConnectorHealthSources sources);
  HealthReport Check();

 private:
  ConnectorHealthSources sources_;
  transport::BackboneClient probe_;
  std::mutex mutex_;
  std::optional<std::chrono::steady_clock::time_point> authenticated_at_;
};

}  // namespace nmshd::connector
