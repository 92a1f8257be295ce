#pragma once
// The command-line side of the maintenance commands (connector_commands.h): registers
// `backup`, `restore`, `verify` and `check` on the connector's CLI11 app and runs the parsed one
// with the configuration `start` would use (-c/--config, environment, `--a:b=value` arguments).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace nmshd::connector {

class MaintenanceCli {
 public:
  explicit MaintenanceCli(CLI::App& cli);
  ~MaintenanceCli();
  MaintenanceCli(const MaintenanceCli&) = delete;
  MaintenanceCli& operator=(const MaintenanceCli&) = delete;

  // After cli.parse(): the exit code of the parsed maintenance command, nullopt when none was given.
  std::optional<int> Run();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace nmshd::connector
