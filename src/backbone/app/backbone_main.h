#pragma once
// `backbone [--config <file>] [--<key:path>=<value> ...]`: the Backbone server process.
//   * configuration: config/backbone_config.h (argv > environment > file > defaults);
//   * logging: the `logging` section (spdlog, log4js shape);
//   * prints exactly one line "backbone listening on http://<address>:<port>" to stdout once it
//     accepts connections (with httpServer.port 0 the real ephemeral port) — tests and scripts
//     wait for it;
//   * SIGTERM / SIGINT: graceful stop (running requests finish), exit code 0.
// Exit codes: 0 normal stop or --help, 1 bad configuration, 2 startup failure (database, port).
namespace nmshd::backbone {

int RunBackboneMain(int argc, char** argv);

}  // namespace nmshd::backbone
