#include "storage/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <pqxx/pqxx>
#include <thread>

#include "base/coded_error.h"

namespace nmshd::storage {
namespace {

class FileLock final : public InstanceLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {}
  ~FileLock() override { ::close(fd_); }  // closing the descriptor releases the flock

 private:
  int fd_;
};

class AdvisoryLock final : public InstanceLock {
 public:
  explicit AdvisoryLock(std::unique_ptr<pqxx::connection> connection) : connection_(std::move(connection)) {}
  // Destroying the connection ends the session, and the server drops its session locks.

 private:
  std::unique_ptr<pqxx::connection> connection_;
};

std::string LockFilePath(const DatabaseConfig& config) { return config.path + ".lock"; }

std::string Name(const DatabaseConfig& config) {
  return config.driver == "sqlite" ? config.path : "PostgreSQL schema \"" + config.schema + "\"";
}

}  // namespace

std::unique_ptr<InstanceLock> InstanceLock::TryAcquire(const DatabaseConfig& config) {
  if (config.driver == "sqlite") {
    const auto path = LockFilePath(config);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      throw CodedError("error.storage.backend", "cannot open the lock file " + path + ": " + std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) return nullptr;
      throw CodedError("error.storage.backend", "cannot lock " + path + ": " + std::strerror(error));
    }
    return std::make_unique<FileLock>(fd);
  }
  if (config.driver == "postgres") {
    try {
      auto connection = std::make_unique<pqxx::connection>(config.connection_string);
      pqxx::nontransaction n(*connection);
      const auto r = n.exec_params("SELECT pg_try_advisory_lock(hashtext($1))", "nmshd-instance:" + config.schema);
      if (!r[0][0].as<bool>()) return nullptr;
      return std::make_unique<AdvisoryLock>(std::move(connection));
    } catch (const std::exception& e) {
      throw CodedError("error.storage.backend", std::string("cannot take the PostgreSQL instance lock: ") + e.what());
    }
  }
  throw CodedError("error.storage.config", "unknown database driver '" + config.driver + "'");
}

std::unique_ptr<InstanceLock> InstanceLock::Acquire(const DatabaseConfig& config, std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    if (auto lock = TryAcquire(config)) return lock;
    if (std::chrono::steady_clock::now() >= deadline) {
      throw CodedError("error.storage.inUse", "another process is running on the database " + Name(config));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace nmshd::storage
