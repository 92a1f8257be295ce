#pragma once
// An exclusive claim of one process on one database, held while a service runs on it, so that
// offline maintenance (`restore`) can tell that the service is stopped and two services never run
// on the same database (one connector = one identity = one database).
//
// SQLite: flock(2) on "<database file>.lock". PostgreSQL: a session advisory lock, keyed by the
// schema name, on a connection of its own. Both are released by the kernel or the server when
// the process ends, also after SIGKILL (PostgreSQL notices the closed connection within moments,
// hence the wait in Acquire).
#include <chrono>
#include <memory>

#include "storage/open_database.h"

namespace nmshd::storage {

class InstanceLock {
 public:
  virtual ~InstanceLock() = default;

  // nullptr when another holder has it. Throws CodedError "error.storage.backend" when the lock
  // cannot be tried at all (folder missing, server unreachable).
  static std::unique_ptr<InstanceLock> TryAcquire(const DatabaseConfig& config);
  // Retries TryAcquire until `wait` has passed; throws "error.storage.inUse" naming the database.
  static std::unique_ptr<InstanceLock> Acquire(const DatabaseConfig& config, std::chrono::milliseconds wait);
};

}  // namespace nmshd::storage
