#pragma once
// What every backbone module gets: the configuration, the database and the clock. Modules are
// stateless apart from this; all state lives in the database so a restart loses nothing that was
// acknowledged.
#include <functional>

#include "base/iso_date.h"
#include "config/backbone_config.h"
#include "storage/document_store.h"

namespace nmshd::backbone {

struct BackboneContext {
  const config::BackboneConfig& config;
  storage::Database& db;
  // Injected so tests can move time (challenge, token, sync run and template expiry).
  std::function<TimePoint()> now = NowMs;
};

}  // namespace nmshd::backbone
