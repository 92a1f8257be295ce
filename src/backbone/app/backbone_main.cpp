#include "app/backbone_main.h"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/backbone_app.h"
#include "base/coded_error.h"
#include "base/js_json.h"
#include "config/backbone_config.h"
#include "config/redaction.h"
#include "logging/log_system.h"

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
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
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

  // Block the stop signals before any thread starts, so every thread inherits the mask and only
  // sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::unique_ptr<BackboneApp> app;
  try {
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
