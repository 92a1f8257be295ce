#pragma once
// The raw inputs of a configuration: command-line arguments, environment variables and the
// working directory. Kept as plain values so tests (and the CLI subcommands) can build a
// configuration from explicit inputs without touching the process environment.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nmshd::config {

struct ConfigSources {
  // Arguments after the program name (and after any subcommand the caller consumed itself).
  std::vector<std::string> args;
  // Environment variables, name -> value.
  std::map<std::string, std::string> environment;
  // Where the default `config.json` is looked up and relative `--config` paths are resolved.
  std::filesystem::path workingDirectory;

  // The process's own environment (`environ`) and working directory, plus `argv[1..argc)`.
  static ConfigSources FromProcess(int argc, const char* const* argv);
};

}  // namespace nmshd::config
