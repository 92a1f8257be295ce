// Exactly-once delivery of external events when sync runs go wrong (sync_delivery.js): a run
// started through raw HTTP expires before finalize; finalize reports errorCodes (TokenLocked has no
// processor in the official client; injected transient and permanent processing failures); the
// Node peer is killed with SIGKILL inside a sync run before and after processing and started again
// on its persisted LokiJS files. Three Node processes on one backbone; the last one checks the
// ledger all of them wrote. SQLite by default; the "pg." variant runs on PostgreSQL.
#include <signal.h>

#include <cstdlib>
#include <gtest/gtest.h>
#include <iostream>

#include "interop/backbone/backbone_process.h"

namespace nmshd::backbone::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct PhaseRun {
  int exit_code = -1;
  bool killed = false;  // the script asked for SIGKILL ("@@kill-peer") and got it
  std::string output;
  std::string stderr_file;
};

// Runs one phase of sync_delivery.js; answers "@@kill-peer" with SIGKILL.
PhaseRun RunPhase(const BackboneProcess& backbone, const fs::path& folder, int phase) {
  const char* node = std::getenv("NMSHD_NODE");
  ChildOptions child;
  child.argv = {node && *node ? node : "node", (SourceDir() / "tests/interop/backbone/sync_delivery.js").string(),
                backbone.BaseUrl(), backbone.client_id(), backbone.client_secret(), folder.string(),
                std::to_string(phase)};
  child.cwd = SourceDir() / "tests/interop/backbone";
  child.stderr_file = folder / ("node-phase" + std::to_string(phase) + ".stderr");
  child.pipe_stdin = true;
  ChildProcess process(child);
  PhaseRun run;
  run.stderr_file = child.stderr_file.string();
  const auto deadline = std::chrono::steady_clock::now() + 300s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto line = process.ReadLine(1s);
    if (!line) {
      if (process.Wait(0ms)) {
        while (auto rest = process.ReadLine(100ms)) run.output += *rest + "\n";
        break;
      }
      continue;
    }
    run.output += *line + "\n";
    if (*line == "@@kill-peer") {
      run.exit_code = process.Terminate(SIGKILL, 5s);
      run.killed = true;
      return run;
    }
  }
  auto code = process.Wait(0ms);
  run.exit_code = code ? *code : process.Terminate(SIGKILL, 5s);
  return run;
}

void ExpectStepsOk(const std::string& output, std::initializer_list<const char*> names, const std::string& context) {
  const auto steps = ParseSteps(output);
  for (const char* name : names) {
    auto it = steps.find(name);
    ASSERT_NE(it, steps.end()) << "step " << name << " did not run\n" << context;
    EXPECT_EQ(it->second.substr(0, 2), "OK") << name << ": " << it->second << "\n" << context;
  }
  for (const auto& [name, verdict] : steps) {
    EXPECT_EQ(verdict.substr(0, 2), "OK") << name << ": " << verdict << "\n" << context;
  }
}

TEST(BackboneSyncDelivery, EveryExternalEventIsProcessedOnceAcrossExpiredRunsErrorsAndPeerCrashes) {
  BackboneProcessOptions options;
  const char* driver = std::getenv("NMSHD_BACKBONE_TEST_DRIVER");
  if (driver != nullptr && *driver != '\0') options.driver = driver;
  options.log_level = "INFO";
  BackboneProcess backbone(options);
  ASSERT_NO_THROW(backbone.Start());
  const auto folder = MakeTempDir("nmshd-sync-delivery-");

  auto context = [&](const PhaseRun& run) {
    return run.output + "\n--- node stderr: " + run.stderr_file + "\n--- backbone:\n" + backbone.LogTail();
  };

  auto p1 = RunPhase(backbone, folder, 1);
  std::cout << p1.output;
  EXPECT_TRUE(p1.killed) << context(p1);
  EXPECT_EQ(p1.exit_code, 128 + SIGKILL);
  ExpectStepsOk(p1.output,
                {"p1.setup", "p1.relationship", "p1.expiredRun.rawRunExpiresBeforeFinalize",
                 "p1.errorCode.tokenLockedGivesUpAfterThreeErrors",
                 "p1.errorCode.transientFailureRetriedPermanentFailureDropped"},
                context(p1));

  auto p2 = RunPhase(backbone, folder, 2);
  std::cout << p2.output;
  EXPECT_TRUE(p2.killed) << context(p2);
  ExpectStepsOk(p2.output, {"p2.setup", "p2.recoveredFromCrashBeforeProcessing"}, context(p2));

  auto p3 = RunPhase(backbone, folder, 3);
  std::cout << p3.output;
  EXPECT_FALSE(p3.killed);
  EXPECT_EQ(p3.exit_code, 0) << context(p3);
  ExpectStepsOk(p3.output,
                {"p3.setup", "p3.recoveredFromCrashAfterProcessing", "p3.oneMoreMessage",
                 "p3.ledger.everyEventProcessedExactlyOnce"},
                context(p3));
  EXPECT_NE(p3.output.find("\"failed\":0"), std::string::npos) << context(p3);

  EXPECT_EQ(backbone.Stop(), 0);
  if (const char* keep = std::getenv("NMSHD_KEEP_TEST_DIRS"); keep == nullptr || *keep == '\0') {
    std::error_code ec;
    fs::remove_all(folder, ec);
  }
}

}  // namespace
}  // namespace nmshd::backbone::testing
