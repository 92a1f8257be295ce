// The instance lock (instance_lock.h) on the backend under test (SQLite temp folder, or with
// NMSHD_TEST_STORAGE_BACKEND=postgres a schema name on the pg fixture server): one holder at a time,
// released when the holder goes, a bounded wait that names the database.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "base/coded_error.h"
#include "storage/instance_lock.h"

namespace nmshd::storage {
namespace {

class InstanceLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto suffix = std::to_string(std::random_device{}() % 1000000000u);
    const char* backend = std::getenv("NMSHD_TEST_STORAGE_BACKEND");
    if (backend != nullptr && std::string(backend) == "postgres") {
      std::ifstream in(std::getenv("NMSHD_TEST_PG_URI_FILE"));
      std::getline(in, config_.connection_string);
      ASSERT_FALSE(config_.connection_string.empty());
      config_.driver = "postgres";
      config_.schema = "lock_" + suffix;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("nmshd-lock-" + suffix);
      std::filesystem::create_directories(dir_);
      config_.driver = "sqlite";
      config_.path = (dir_ / "service.db").string();
    }
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  DatabaseConfig config_;
  std::filesystem::path dir_;
};

TEST_F(InstanceLockTest, OneHolderAtATimeAndFreeAgainWhenItGoes) {
  auto first = InstanceLock::TryAcquire(config_);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(InstanceLock::TryAcquire(config_), nullptr);
  const auto started = std::chrono::steady_clock::now();
  try {
    InstanceLock::Acquire(config_, std::chrono::milliseconds(300));
    ADD_FAILURE() << "a second holder got the lock";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.storage.inUse");
    EXPECT_NE(std::string(e.what()).find(config_.driver == "sqlite" ? config_.path : config_.schema), std::string::npos)
        << e.what();
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(300));
  // Another database is not affected.
  auto other = config_;
  other.path += "-other";
  other.schema += "_other";
  EXPECT_NE(InstanceLock::TryAcquire(other), nullptr);

  first.reset();
  EXPECT_NE(InstanceLock::Acquire(config_, std::chrono::seconds(5)), nullptr);
}

}  // namespace
}  // namespace nmshd::storage
