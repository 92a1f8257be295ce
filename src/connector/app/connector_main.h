#pragma once
namespace nmshd::connector {
// `connector start [-c config.json] [--a:b=value ...]`: the official CLI's start command; and the
// maintenance commands `backup`, `restore`, `verify`, `check` (connector_commands.h).
int RunConnectorMain(int argc, char** argv);
}  // namespace nmshd::connector
