// Restart safety (restart_safety.js): two official @nmshd/runtime 7.0.0 peers build a relationship
// and A streams messages to B while this test kills the backbone with SIGKILL eight times (after
// acknowledged steps, mid-request, inside B's sync runs) and starts it again on the same port and
// database. Nothing acknowledged may be lost, nothing may arrive twice, the relationship must be
// the same everywhere. SQLite by default; the "pg." variant runs on PostgreSQL.
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <gtest/gtest.h>
#include <sstream>
#include <thread>

#include "interop/backbone/backbone_process.h"

namespace nmshd::backbone::testing {
namespace {

namespace fs = std::filesystem;

std::string Driver() {
  const char* d = std::getenv("NMSHD_BACKBONE_TEST_DRIVER");
  return d && *d ? d : "sqlite";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The pid of the backbone `backbone` runs: our child whose command line names its config file.
// (BackboneProcess only stops gracefully; this test needs the hard kill.)
pid_t BackbonePid(const BackboneProcess& backbone) {
  const auto config = (backbone.dir() / "config.json").string();
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so parse after ')'.
    const auto stat = ReadFile(entry.path() / "stat");
    const auto paren = stat.rfind(')');
    if (paren == std::string::npos) continue;
    std::istringstream rest(stat.substr(paren + 1));
    std::string state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid != getpid()) continue;
    auto cmdline = ReadFile(entry.path() / "cmdline");
    for (auto& c : cmdline) {
      if (c == '\0') c = ' ';
    }
    if (cmdline.find(config) != std::string::npos) return static_cast<pid_t>(std::stoi(name));
  }
  return -1;
}

TEST(BackboneRestartSafety, SigkillMidScenarioLosesNothingAcknowledgedAndDuplicatesNothing) {
  BackboneProcessOptions options;
  options.driver = Driver();
  options.log_level = "INFO";
  BackboneProcess backbone(options);
  ASSERT_NO_THROW(backbone.Start());

  int kills = 0;
  std::vector<int> exit_codes;
  auto kill_and_start = [&] {
    // K4 and K8 (the script keeps sending) come a few milliseconds late, so they land inside the
    // following sends; K7 comes at once, so it usually cuts B's finalize (either outcome is valid).
    constexpr int kDelayMs[] = {0, 0, 0, 10, 0, 0, 0, 20};
    if (kills < 8) std::this_thread::sleep_for(std::chrono::milliseconds(kDelayMs[kills]));
    const auto pid = BackbonePid(backbone);
    if (pid <= 0) throw std::runtime_error("backbone pid not found");
    ::kill(pid, SIGKILL);
    exit_codes.push_back(backbone.Stop());  // reaps the killed child
    ++kills;
    backbone.Start();
  };
  auto run = RunNodePeer("restart_safety.js", {backbone.BaseUrl(), backbone.client_id(), backbone.client_secret()},
                         kill_and_start, std::chrono::seconds(800));
  const auto context = run.output + "\n--- node stderr:\n" + run.stderr_tail + "\n--- backbone:\n" + backbone.LogTail();
  EXPECT_EQ(run.exit_code, 0) << context;
  std::cout << run.output;  // the steps with their details (counts, kills, sync attempts)

  const auto steps = ParseSteps(run.output);
  for (const char* name :
       {"setup.runtimes", "relationship.templateSurvivesKill", "relationship.requestSurvivesKill",
        "relationship.acceptanceSurvivesKill", "stream.batch1", "stream.batch2.killWhileSending",
        "stream.batch3.killBetweenStartAndList", "stream.batch4.killBeforeFinalize", "stream.batch5.killDuringFinalize",
        "stream.batch6.killWhileSendingAgain", "final.bSyncsUntilNothingIsNew", "final.allKillsHappened",
        "final.everyAcknowledgedMessageArrivedExactlyOnce", "final.bProcessedEveryMessageOnce",
        "final.syncWireKeptTheDeliveryContract", "final.relationshipConsistent"}) {
    auto it = steps.find(name);
    ASSERT_NE(it, steps.end()) << "step " << name << " did not run\n" << context;
    EXPECT_EQ(it->second.substr(0, 2), "OK") << name << ": " << it->second << "\n" << context;
  }
  EXPECT_NE(run.output.find("\"failed\":0"), std::string::npos) << context;

  // Eight hard kills really happened (exit by SIGKILL, not a graceful stop), and every start after
  // them came up on the same database.
  EXPECT_EQ(kills, 8) << context;
  for (int code : exit_codes) EXPECT_EQ(code, 128 + SIGKILL);
  const auto log = ReadFile(backbone.dir() / "backbone.log");
  std::size_t starts = 0;
  for (auto pos = log.find("listening on "); pos != std::string::npos; pos = log.find("listening on ", pos + 1)) ++starts;
  EXPECT_EQ(starts, static_cast<std::size_t>(kills) + 1);
  EXPECT_NE(log.find("(database " + Driver() + ","), std::string::npos);
  EXPECT_EQ(backbone.Stop(), 0);
}

}  // namespace
}  // namespace nmshd::backbone::testing
