#include "interop/connector/connector_cli.h"

#include "interop/backbone/backbone_process.h"
#include "interop/backbone/child_process.h"

namespace nmshd::connector::testing {

using namespace std::chrono_literals;

CliRun RunCli(std::vector<std::string> argv, const std::filesystem::path& cwd,
              std::map<std::string, std::string> env) {
  backbone::testing::ChildOptions options;
  options.argv = std::move(argv);
  options.cwd = cwd;
  options.extra_env = std::move(env);
  options.stderr_file = cwd / "cli.stderr";
  backbone::testing::ChildProcess child(options);
  CliRun run;
  while (auto line = child.ReadLine(120s)) run.output += *line + "\n";
  run.exit_code = child.Wait(30s).value_or(-1);
  run.output += backbone::testing::ReadFileTail(options.stderr_file, 4000);
  return run;
}

}  // namespace nmshd::connector::testing
