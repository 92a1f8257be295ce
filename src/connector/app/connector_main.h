#pragma once
namespace nmshd::connector {
// `connector start [-c config.json] [--a:b=value ...]`: the official CLI's start command.
int RunConnectorMain(int argc, char** argv);
}  // namespace nmshd::connector
