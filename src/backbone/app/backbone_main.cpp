#include "app/backbone_main.h"

#include <malloc.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "app/backbone_app.h"
#include "app/backup_commands.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "config/backbone_config.h"
#include "config/redaction.h"
#include "logging/log_system.h"
#include "storage/instance_lock.h"

namespace nmshd::backbone {

namespace {

// "key:path = default" lines for --help, from the in-code defaults.
void ListKeys(const boost::json::value& value, const std::string& prefix, std::string& out) {
  if (value.is_object() && !value.get_object().empty() && prefix != "logging") {
    for (const auto& kv : value.get_object()) {
      ListKeys(kv.value(), prefix.empty() ? std::string(kv.key()) : prefix + ":" + std::string(kv.key()), out);
    }
    return;
  }
  out += "  --" + prefix + "=" + json::Stringify(value) + "\n";
}

std::string HelpFooter() {
  std::string out =
      "\nConfiguration keys (argv --a:b=value > environment a__b=value > config file > defaults):\n";
  ListKeys(config::BackboneDefaults(), "", out);
  out +=
      "  platformClients entries: {\"clientId\",\"clientSecret\",\"maxIdentities\"?}\n"
      "  database: {\"driver\":\"sqlite\",\"folder\",\"dbName\"} -> <folder>/<dbName>.db, or\n"
      "            {\"driver\":\"postgres\",\"connectionString\",\"schema\"?}\n"
      "  httpServer:port 0 binds an ephemeral port; the ready line names it:\n"
      "  \"backbone listening on http://<address>:<port>\"\n";
  return out;
}

std::string UrlHost(const std::string& address) {
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

}  // namespace

int RunBackboneMain(int argc, char** argv) {
  CLI::App cli{"enmeshed Backbone (API v2) server", "backbone"};
  cli.allow_extras();
  cli.footer(HelpFooter());
  std::string config_file;
  cli.add_option("-c,--config", config_file, "JSON configuration file (default: ./config.json if present)");
  // Maintenance subcommands (backup_commands.h); without one, the server runs.
  BackboneBackupOptions backup_options;
  std::string passphrase_file;
  std::vector<CLI::App*> maintenance;
  for (const auto& [name, description] :
       {std::pair{"backup", "write an encrypted backup of the database while the server runs"},
        std::pair{"restore", "restore the database from a backup (the server must be stopped)"},
        std::pair{"verify", "read and check a backup completely; changes nothing"}}) {
    auto* command = cli.add_subcommand(name, description);
    command->allow_extras();
    command->add_option("-c,--config", config_file, "JSON configuration file (default: ./config.json if present)");
    command->add_option("FILE", backup_options.file, "the backup file")->required();
    command->add_option("--passphrase-file", passphrase_file,
                        std::string("file whose first line is the backup passphrase (else env ") +
                            kBackboneBackupPassphraseVariable + ")");
    if (std::string(name) == "restore") command->add_flag("--force", backup_options.force, "replace a database with data");
    maintenance.push_back(command);
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  for (auto* command : maintenance) {
    if (!command->parsed()) continue;
    config::BackboneConfig config;
    try {
      auto sources = config::ConfigSources::FromProcess(0, nullptr);
      if (!config_file.empty()) sources.args = {"--config", config_file};
      for (const auto& extra : cli.remaining()) sources.args.push_back(extra);
      for (const auto& extra : command->remaining()) sources.args.push_back(extra);
      config = config::LoadBackboneConfig(sources);
      logging::InstallLogSystem(logging::LogSystem::FromConfig(config.effective.at("logging")));
    } catch (const std::exception& e) {
      std::cerr << "backbone " << command->get_name() << ": " << e.what() << "\n";
      return 1;
    }
    if (!passphrase_file.empty()) backup_options.passphrase_file = passphrase_file;
    const auto& name = command->get_name();
    const int code = name == "backup"    ? RunBackboneBackup(config, backup_options, std::cout)
                     : name == "restore" ? RunBackboneRestore(config, backup_options, std::cout)
                                         : RunBackboneVerify(config, backup_options, std::cout);
    logging::CurrentLogSystem()->Flush();
    return code;
  }

  config::BackboneConfig config;
  try {
    config = config::LoadBackboneConfig(config::ConfigSources::FromProcess(argc, argv));
  } catch (const CodedError& e) {
    std::cerr << "backbone: " << e.what() << " (" << e.code() << ")\n";
    return 1;
  }

  try {
    logging::InstallLogSystem(logging::LogSystem::FromConfig(config.effective.at("logging")));
  } catch (const std::exception& e) {
    std::cerr << "backbone: " << e.what() << "\n";
    return 1;
  }
  auto log = logging::GetLogger("backbone");
  for (const auto& w : config.warnings) log.Warn("configuration: {}", w);
  log.Debug("effective configuration: {}", json::Stringify(config::RedactConfig(config.effective)));

  // glibc hands a worker thread's arena back to the kernel (madvise) whenever more than the trim
  // threshold is free at its top, and starts with 128 KiB: a request that briefly needed more (a
  // SQLite savepoint's journal, a file's bytes) paid a madvise, and every other thread a TLB
  // shootdown, on almost every write. Setting the thresholds also stops glibc from moving them.
  // Only for glibc's malloc (NMSHD_BACKBONE_TCMALLOC=OFF): tcmalloc's mallopt does nothing.
  mallopt(M_TRIM_THRESHOLD, 16 * 1024 * 1024);
  mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);

  // Block the stop signals before any thread starts, so every thread inherits the mask and only
  // sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::unique_ptr<storage::InstanceLock> instance_lock;  // held while serving; `restore` checks it
  std::unique_ptr<BackboneApp> app;
  try {
    const auto location = BackboneDatabaseConfig(config);
    if (location.driver == "sqlite") std::filesystem::create_directories(config.databaseFolder);
    instance_lock = storage::InstanceLock::Acquire(location, std::chrono::seconds(10));
    app = std::make_unique<BackboneApp>(config);
    app->Start();
  } catch (const std::exception& e) {
    log.Fatal("cannot start: {}", e.what());
    logging::CurrentLogSystem()->Flush();
    std::cerr << "backbone: cannot start: " << e.what() << "\n";
    return 2;
  }
  log.Info("listening on {}:{} (database {}, didDomainName {})", config.listenAddress, app->port(),
           config.databaseDriver, config.didDomainName);
  std::cout << "backbone listening on http://" << UrlHost(config.listenAddress) << ":" << app->port() << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  log.Info("received signal {}, stopping", signal_number);
  const bool drained = app->Stop();
  if (!drained) log.Warn("requests were still running when the grace period ended");
  app.reset();
  log.Info("stopped");
  logging::CurrentLogSystem()->Flush();
  return 0;
}

}  // namespace nmshd::backbone
