#pragma once
// Runs a maintenance command of the built executables (`connector backup|restore|verify|check`,
// `backbone backup|…`) to its end, for the interop tests:
//
//   auto run = RunCli({bin, "backup", file, "--config", config}, dir, {{"CONNECTOR_BACKUP_PASSPHRASE", "…"}});
//   EXPECT_EQ(run.exit_code, 0) << run.output;
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nmshd::connector::testing {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout, then the tail of stderr
};

// Runs `argv` in `cwd` with `env` added to the environment; stderr goes to <cwd>/cli.stderr.
CliRun RunCli(std::vector<std::string> argv, const std::filesystem::path& cwd,
              std::map<std::string, std::string> env = {});

}  // namespace nmshd::connector::testing
