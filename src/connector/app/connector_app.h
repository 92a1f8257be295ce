#pragma once
// The composition root of the `connector` executable (connector-surface §6.2): configuration ->
// database -> key material -> Backbone client -> identity -> transport modules -> event bus and
// modules -> HTTP API. Owns everything the request handlers and modules reference.
#include <memory>
#include <optional>

#include "config/connector_config.h"

namespace nmshd::connector {

class ConnectorApp {
 public:
  explicit ConnectorApp(config::ConnectorConfig config);
  ~ConnectorApp();
  ConnectorApp(const ConnectorApp&) = delete;
  ConnectorApp& operator=(const ConnectorApp&) = delete;

  // Everything up to a serving HTTP API and started modules (the sync module's first sync
  // included). Throws CodedError with a message an operator can act on; nothing is half-started
  // afterwards (the destructor cleans up).
  void Start();
  // 0 when the HTTP server is disabled.
  unsigned short port() const;
  const std::string& address() const;
  // Graceful: modules stop (a running sync finishes), the HTTP server stops accepting and lets
  // in-flight requests finish, queued events are delivered, the database is closed, all within
  // shutdownTimeoutSeconds (connector_config.h). False when something did not finish in time.
  bool Stop();

 private:
  struct Parts;
  config::ConnectorConfig config_;
  std::unique_ptr<Parts> parts_;
  bool stopped_ = false;
};

}  // namespace nmshd::connector
