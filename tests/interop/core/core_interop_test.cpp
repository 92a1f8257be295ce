// Both directions against the official packages, with fresh random vectors on every run, plus the
// committed fixed_vectors.json (made once by `node core_peer.js generate`).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/js_json.h"
#include "crypto/random.h"
#include "interop/core/vector_checks.h"

namespace nmshd::core::interop {
namespace {

namespace fs = std::filesystem;

fs::path SourceDir() {
  const char* dir = std::getenv("NMSHD_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::path(".");
}

std::string NodeBinary() {
  const char* node = std::getenv("NMSHD_NODE");
  return node && *node ? node : "node";
}

// Runs core_peer.js; returns the exit code and fills `output` with stdout+stderr.
int RunPeer(const std::string& mode, const fs::path& file, std::string& output) {
  const fs::path script = SourceDir() / "tests/interop/core/core_peer.js";
  const fs::path log = file.string() + ".log";
  const std::string cmd = "'" + NodeBinary() + "' '" + script.string() + "' " + mode + " '" + file.string() +
                          "' > '" + log.string() + "' 2>&1";
  const int status = std::system(cmd.c_str());
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  output = ss.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class CoreInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nmshd-core-interop-" + crypto::RandomString(10, "abcdefghijklmnop"));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CoreInterop, WeReadWhatTheOfficialLibraryWrites) {
  const fs::path file = dir_ / "official.json";
  std::string output;
  ASSERT_EQ(RunPeer("generate", file, output), 0) << output;
  const auto vectors = ReadJsonFile(file);
  EXPECT_EQ(CheckAddressVectors(vectors), 12);
  EXPECT_EQ(CheckReferenceVectors(vectors), 64);
  EXPECT_EQ(CheckRejectedVectors(vectors), 17);
}

TEST_F(CoreInterop, TheOfficialLibraryReadsWhatWeWrite) {
  const fs::path file = dir_ / "ours.json";
  const auto vectors = MakeOwnVectors();
  ASSERT_EQ(vectors.at("references").as_array().size(), 64u);
  {
    std::ofstream out(file);
    out << json::Stringify(vectors);
  }
  // Our own checks hold for our own vectors, so a failure below is a disagreement with the peer.
  EXPECT_EQ(CheckReferenceVectors(vectors), 64);
  std::string output;
  EXPECT_EQ(RunPeer("verify", file, output), 0) << output;
  // 12 addresses x 2 checks; 64 references x (truncated + truncate()) + 32 with URL x (url + toUrl()).
  EXPECT_NE(output.find("216 checked, 0 failures"), std::string::npos) << output;
}

TEST_F(CoreInterop, ThePeerDetectsATamperedVector) {
  // Guards the verify direction against passing vacuously: one wrong address must fail it.
  auto vectors = MakeOwnVectors();
  auto& first = vectors["addresses"].as_array()[0].as_object();
  std::string address(first["address"].as_string());
  address[address.size() - 3] = address[address.size() - 3] == 'a' ? 'b' : 'a';
  first["address"] = address;
  const fs::path file = dir_ / "tampered.json";
  {
    std::ofstream out(file);
    out << json::Stringify(vectors);
  }
  std::string output;
  EXPECT_EQ(RunPeer("verify", file, output), 1) << output;
  EXPECT_NE(output.find("FAIL address"), std::string::npos) << output;
}

TEST(CoreFixedVectors, MatchTheCommittedOfficialOutput) {
  const auto vectors = ReadJsonFile(SourceDir() / "tests/interop/core/fixed_vectors.json");
  EXPECT_EQ(CheckAddressVectors(vectors), 12);
  EXPECT_EQ(CheckReferenceVectors(vectors), 64);
  EXPECT_EQ(CheckRejectedVectors(vectors), 17);
}

}  // namespace
}  // namespace nmshd::core::interop
