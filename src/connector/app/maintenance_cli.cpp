#include "connector/app/maintenance_cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "base/coded_error.h"
#include "config/connector_config.h"
#include "connector/app/connector_commands.h"
#include "connector/app/system_resources.h"
#include "logging/log_system.h"

namespace nmshd::connector {

struct MaintenanceCli::State {
  CLI::App* backup = nullptr;
  CLI::App* restore = nullptr;
  CLI::App* verify = nullptr;
  CLI::App* check = nullptr;
  std::string config_file;
  std::filesystem::path file;
  std::string passphrase_file;
  bool include_master_key = false;
  bool force = false;
  bool cleanup = false;
  std::string min_free_disk;
  std::string min_available_memory;
};

namespace {

CLI::App* AddCommand(CLI::App& cli, const std::string& name, const std::string& description, std::string& config_file) {
  auto* command = cli.add_subcommand(name, description);
  // Unknown `--a:b=value` arguments are configuration overrides, as with `start`.
  command->allow_extras();
  command->add_option("-c,--config", config_file, "JSON configuration file (default: ./config.json if present)");
  return command;
}

void AddFileOptions(CLI::App& command, std::filesystem::path& file, std::string& passphrase_file) {
  command.add_option("FILE", file, "the backup file")->required();
  command.add_option("--passphrase-file", passphrase_file,
                     std::string("file whose first line is the backup passphrase (else env ") +
                         kBackupPassphraseVariable + "); never give it as an argument");
}

}  // namespace

MaintenanceCli::MaintenanceCli(CLI::App& cli) : state_(std::make_unique<State>()) {
  auto& s = *state_;
  s.backup = AddCommand(cli, "backup", "write an encrypted backup of the database while the connector runs",
                        s.config_file);
  AddFileOptions(*s.backup, s.file, s.passphrase_file);
  s.backup->add_flag("--include-master-key", s.include_master_key,
                     "also put the master key into the backup (then the passphrase alone protects the identity)");
  s.restore = AddCommand(cli, "restore", "restore the database from a backup (the connector must be stopped)",
                         s.config_file);
  AddFileOptions(*s.restore, s.file, s.passphrase_file);
  s.restore->add_flag("--force", s.force, "replace a database that holds data");
  s.verify = AddCommand(cli, "verify", "read and check a backup completely; changes nothing", s.config_file);
  AddFileOptions(*s.verify, s.file, s.passphrase_file);
  s.check = AddCommand(cli, "check",
                       "check key material, old material, database, disk and memory; exit 0 all OK, 1 warnings, "
                       "2 failures",
                       s.config_file);
  s.check->add_flag("--cleanup", s.cleanup, "delete the expired material the check finds");
  s.check->add_option("--min-free-disk", s.min_free_disk,
                      "free space the data folder needs, in bytes or with K/M/G/T (default 1G)");
  s.check->add_option("--min-available-memory", s.min_available_memory,
                      "available memory below which memory is a warning (default 256M)");
}

MaintenanceCli::~MaintenanceCli() = default;

std::optional<int> MaintenanceCli::Run() {
  auto& s = *state_;
  CLI::App* parsed = nullptr;
  for (auto* command : {s.backup, s.restore, s.verify, s.check}) {
    if (command->parsed()) parsed = command;
  }
  if (parsed == nullptr) return std::nullopt;
  const std::string name = parsed->get_name();

  config::ConnectorConfig config;
  try {
    auto sources = config::ConfigSources::FromProcess(0, nullptr);
    if (!s.config_file.empty()) sources.args = {"--config", s.config_file};
    for (const auto& extra : parsed->remaining()) sources.args.push_back(extra);
    config = config::LoadConnectorConfig(sources);
    logging::InstallLogSystem(logging::LogSystem::FromConfig(config.effective.at("logging")));
  } catch (const CodedError& e) {
    std::cerr << "connector " << name << ": " << e.what() << " (" << e.code() << ")\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "connector " << name << ": " << e.what() << "\n";
    return 1;
  }
  std::optional<std::filesystem::path> passphrase_file;
  if (!s.passphrase_file.empty()) passphrase_file = s.passphrase_file;

  int code = 1;
  if (parsed == s.backup) {
    code = RunBackupCommand(config, {s.file, passphrase_file, s.include_master_key}, std::cout);
  } else if (parsed == s.restore) {
    code = RunRestoreCommand(config, {s.file, passphrase_file, s.force}, std::cout);
  } else if (parsed == s.verify) {
    code = RunVerifyCommand(config, {s.file, passphrase_file}, std::cout);
  } else {
    CheckCommandOptions options;
    options.cleanup = s.cleanup;
    for (auto [text, target, flag] : {std::tuple{&s.min_free_disk, &options.min_free_disk_bytes, "--min-free-disk"},
                                      std::tuple{&s.min_available_memory, &options.min_available_memory_bytes,
                                                 "--min-available-memory"}}) {
      if (text->empty()) continue;
      const auto bytes = ParseByteSize(*text);
      if (!bytes) {
        std::cerr << "connector check: " << flag << " \"" << *text << "\" is not a size (e.g. 1073741824, 512M, 2G)\n";
        return 1;
      }
      *target = *bytes;
    }
    code = RunCheckCommand(config, options, std::cout);
  }
  std::cout.flush();
  logging::CurrentLogSystem()->Flush();
  return code;
}

}  // namespace nmshd::connector
