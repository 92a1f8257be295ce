#pragma once
// Runs a Node script of tests/interop/transport against the pinned official packages
// (NODE_PATH = tests/interop/node_modules, cwd = this folder) and exchanges JSON over stdin/stdout.
// Shared by the transmission interop tests (templates, tokens, relationships, messages, files).
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace nmshd::transport::testing {

struct NodeResult {
  int exit_code = -1;  // 128 + signal when killed (e.g. on timeout)
  std::string out;
  std::string err;
};

// $NMSHD_SOURCE_DIR (set by ctest), else the current directory.
std::filesystem::path SourceDir();
// tests/interop/transport: where the scripts live.
std::filesystem::path ScriptDir();

// `node <script> <args...>` with `input` written to its stdin (then closed). Output is collected
// until the process exits; after `timeout` it is killed. Throws std::runtime_error only when the
// process cannot be started.
NodeResult RunNode(const std::string& script, const std::vector<std::string>& args = {},
                   const std::string& input = "",
                   std::chrono::milliseconds timeout = std::chrono::seconds(120));

// RunNode with `request` serialized on stdin; stdout must be one JSON value. Throws
// std::runtime_error carrying the exit code and stderr when the script fails or prints no JSON.
boost::json::value RunNodeJson(const std::string& script, const boost::json::value& request,
                               std::chrono::milliseconds timeout = std::chrono::seconds(120));

}  // namespace nmshd::transport::testing
