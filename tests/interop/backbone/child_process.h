#pragma once
// A child process with pipes, for the interop tests (posix_spawnp; no shell involved).
// stdin and stdout are pipes when requested; stderr goes to a file (so a chatty child never blocks
// on a full pipe nobody reads). Not thread-safe; one owner.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nmshd::backbone::testing {

struct ChildOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
  std::filesystem::path cwd;      // empty: inherit
  std::map<std::string, std::string> extra_env;
  std::filesystem::path stderr_file;  // empty: inherit the test's stderr
  bool pipe_stdin = false;
  bool pipe_stdout = true;
};

class ChildProcess {
 public:
  // Throws std::runtime_error when the process cannot be spawned.
  explicit ChildProcess(const ChildOptions& options);
  ~ChildProcess();  // kills (SIGKILL) and reaps a still running child
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // The next stdout line without '\n'; nullopt at end of output or when `timeout` passes first.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  // Writes a line (adds '\n') to stdin.
  void WriteLine(const std::string& line);
  void CloseStdin();
  // Sends `signal`, waits up to `timeout` for the exit, then SIGKILLs. Returns the exit code
  // (128 + signal number when killed by a signal).
  int Terminate(int signal, std::chrono::milliseconds timeout);
  // Waits for the exit without signalling; nullopt on timeout.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  bool running() const { return pid_ > 0 && !exit_code_; }

 private:
  std::optional<int> Reap(bool block);

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
  std::optional<int> exit_code_;
};

}  // namespace nmshd::backbone::testing
