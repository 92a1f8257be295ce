#include "connector/app/connector_main.h"

#include <malloc.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "config/connector_config.h"
#include "config/redaction.h"
#include "connector/app/connector_app.h"
#include "connector/app/maintenance_cli.h"
#include "connector/app/stop_watchdog.h"
#include "logging/log_system.h"

namespace nmshd::connector {

namespace {

std::string UrlHost(const std::string& address) {
  if (address == "0.0.0.0" || address == "::") return "127.0.0.1";
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

int Start(int argc, char** argv) {
  config::ConnectorConfig config;
  try {
    auto sources = config::ConfigSources::FromProcess(argc, argv);
    // The documented spelling of --database:acceptStaleState=true (README "Stale database").
    for (auto& arg : sources.args) {
      if (arg == "--accept-stale-database") arg = "--database:acceptStaleState=true";
    }
    config = config::LoadConnectorConfig(sources);
  } catch (const CodedError& e) {
    std::cerr << "connector: " << e.what() << " (" << e.code() << ")\n";
    return 1;
  }
  try {
    logging::InstallLogSystem(logging::LogSystem::FromConfig(config.effective.at("logging")));
  } catch (const std::exception& e) {
    std::cerr << "connector: " << e.what() << "\n";
    return 1;
  }
  auto log = logging::GetLogger("ConnectorRuntime");
  for (const auto& w : config.warnings) log.Warn("configuration: {}", w);
  log.Debug("effective configuration: {}", json::Stringify(config::RedactConfig(config.effective)));

  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&stop_signals, s);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // Most of the connector's threads wait (HTTP workers, the Backbone client, the modules). With
  // glibc's default of up to 8 arenas per core, memory a thread freed stayed in its own arena, so
  // the process kept what every burst of requests had needed (bench/connector: peak RSS 40 MiB;
  // 26 MiB with one arena). Two arenas keep two cores' worth of threads apart. An operator's own
  // MALLOC_ARENA_MAX or GLIBC_TUNABLES wins.
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr && std::getenv("GLIBC_TUNABLES") == nullptr) {
    mallopt(M_ARENA_MAX, 2);
  }

  auto app = std::make_unique<ConnectorApp>(config);
  try {
    app->Start();
  } catch (const CodedError& e) {
    log.Fatal("cannot start: {} ({})", e.what(), e.code());
    logging::CurrentLogSystem()->Flush();
    std::cerr << "connector: cannot start: " << e.what() << " (" << e.code() << ")\n";
    return 2;
  } catch (const std::exception& e) {
    log.Fatal("cannot start: {}", e.what());
    logging::CurrentLogSystem()->Flush();
    std::cerr << "connector: cannot start: " << e.what() << "\n";
    return 2;
  }
  if (app->port() != 0) {
    std::cout << "connector listening on http://" << UrlHost(app->address()) << ":" << app->port() << std::endl;
  } else {
    std::cout << "connector started (HTTP server disabled)" << std::endl;
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  log.Info("received signal {}, stopping", signal_number);
  {
    // Exit within shutdownTimeoutSeconds, whatever still runs then (stop_watchdog.h).
    StopWatchdog watchdog(std::chrono::seconds(config.shutdownTimeoutSeconds));
    const bool clean = app->Stop();
    if (!clean) log.Warn("not everything finished within shutdownTimeoutSeconds ({} s)", config.shutdownTimeoutSeconds);
    app.reset();
  }
  log.Info("stopped");
  logging::CurrentLogSystem()->Flush();
  return 0;
}

}  // namespace

int RunConnectorMain(int argc, char** argv) {
  CLI::App cli{"enmeshed Connector (C++)", "connector"};
  cli.allow_extras();
  cli.require_subcommand(1);
  std::string config_file;
  auto* start = cli.add_subcommand("start", "start the connector");
  start->allow_extras();
  start->add_option("-c,--config", config_file, "JSON configuration file (default: ./config.json if present)");
  bool accept_stale_database = false;  // Start() maps the flag onto the configuration itself
  start->add_flag("--accept-stale-database", accept_stale_database,
                  "start although the Backbone knows a newer state than the database (a restored older backup); "
                  "what is missing is lost");
  MaintenanceCli maintenance(cli);  // backup, restore, verify, check
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  if (start->parsed()) return Start(argc, argv);
  if (auto code = maintenance.Run()) return *code;
  return 1;
}

}  // namespace nmshd::connector
