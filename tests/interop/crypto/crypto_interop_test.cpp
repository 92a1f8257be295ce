// Both directions against the official @nmshd/crypto 2.1.3 with fresh random vectors each run, plus
// a committed fixed vector set (made once by vectors.js) that needs no Node at all.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/js_json.h"
#include "cpp_vectors.h"
#include "crypto/random.h"

namespace nmshd::crypto::interop {
namespace {

namespace fs = std::filesystem;

fs::path SourceDir() {
  const char* dir = std::getenv("NMSHD_SOURCE_DIR");
  return dir != nullptr ? fs::path(dir) : fs::current_path();
}

std::string Node() {
  const char* node = std::getenv("NMSHD_NODE");
  return node != nullptr ? node : "node";
}

fs::path ScriptDir() { return SourceDir() / "tests" / "interop" / "crypto"; }

fs::path TempFile(const std::string& stem) {
  return fs::temp_directory_path() / (stem + "-" + RandomString(10, "abcdefghijklmnopqrstuvwxyz") + ".json");
}

struct Run {
  int exit_code;
  std::string output;
};

// Runs vectors.js with the pinned node_modules of tests/interop.
Run RunNode(const std::string& args) {
  const std::string cmd = "cd '" + ScriptDir().string() + "' && NODE_PATH='" +
                          (SourceDir() / "tests" / "interop" / "node_modules").string() +
                          "' '" + Node() + "' vectors.js " + args + " 2>&1";
  Run run{-1, ""};
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.output.append(buf, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every group of the format must have been checked, and every check must pass.
void ExpectAllPassed(const std::vector<CheckResult>& results) {
  int relationship = 0;
  std::map<std::string, int> groups;
  for (const auto& r : results) {
    EXPECT_TRUE(r.ok) << r.name << ": " << r.detail;
    groups[r.name.substr(0, r.name.find_first_of("[ "))]++;
    if (r.name.rfind("relationship", 0) == 0) ++relationship;
  }
  EXPECT_EQ(groups["signature"], 2);
  EXPECT_EQ(groups["cipher"], 4);
  EXPECT_EQ(groups["counterCipher"], 6);
  EXPECT_EQ(groups["exchange"], 2);
  EXPECT_EQ(groups["kdf"], 6);
  EXPECT_EQ(groups["password"], 2);
  EXPECT_EQ(groups["hash"], 3);
  EXPECT_EQ(relationship, 16);
}

TEST(CryptoInterop, CppVerifiesFreshVectorsFromNmshdCrypto) {
  const auto path = TempFile("node-vectors");
  const auto run = RunNode("generate > '" + path.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto results = VerifyVectors(json::Parse(ReadFile(path)));
  fs::remove(path);
  ExpectAllPassed(results);
}

TEST(CryptoInterop, NmshdCryptoVerifiesFreshVectorsFromCpp) {
  const auto path = TempFile("cpp-vectors");
  std::ofstream(path) << json::Stringify(GenerateVectors());
  const auto run = RunNode("verify '" + path.string() + "'");
  fs::remove(path);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("FAIL"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("41/41 checks passed"), std::string::npos) << run.output;
}

TEST(CryptoInterop, CppVerifiesItsOwnVectors) {
  ExpectAllPassed(VerifyVectors(GenerateVectors()));
}

TEST(CryptoInterop, CppVerifiesCommittedFixedVectors) {
  const auto text = ReadFile(ScriptDir() / "fixed_vectors.json");
  ASSERT_FALSE(text.empty()) << "fixed_vectors.json missing";
  ExpectAllPassed(VerifyVectors(json::Parse(text)));
}

TEST(CryptoInterop, VerifierRejectsTamperedVectors) {
  // Guards the harness itself: a flipped plaintext must be reported, not silently pass.
  auto v = GenerateVectors();
  v["ciphers"].as_array()[0].as_object()["plaintext"] = "AA";
  v["relationship"].as_object()["requestorSecrets"] = "{}";
  int failures = 0;
  for (const auto& r : VerifyVectors(v)) failures += r.ok ? 0 : 1;
  EXPECT_EQ(failures, 2);
}

}  // namespace
}  // namespace nmshd::crypto::interop
