#include "node_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace nmshd::transport::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string NodeBinary() {
  const char* node = std::getenv("NMSHD_NODE");
  return node != nullptr && *node != '\0' ? node : "node";
}

struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() {
    if (pipe2(fd, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  }
  ~Pipe() {
    Close(0);
    Close(1);
  }
  void Close(int i) {
    if (fd[i] >= 0) close(fd[i]);
    fd[i] = -1;
  }
};

// The environment of this process with NODE_PATH replaced.
std::vector<std::string> ChildEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (std::strncmp(*e, "NODE_PATH=", 10) != 0) env.emplace_back(*e);
  }
  env.push_back("NODE_PATH=" + (SourceDir() / "tests" / "interop" / "node_modules").string());
  return env;
}

}  // namespace

fs::path SourceDir() {
  const char* dir = std::getenv("NMSHD_SOURCE_DIR");
  return dir != nullptr && *dir != '\0' ? fs::path(dir) : fs::current_path();
}

fs::path ScriptDir() { return SourceDir() / "tests" / "interop" / "transport"; }

NodeResult RunNode(const std::string& script, const std::vector<std::string>& args,
                   const std::string& input, std::chrono::milliseconds timeout) {
  // A script that exits before reading its input must not kill the test with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  Pipe in, out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
  const std::string cwd = ScriptDir().string();
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  std::vector<std::string> argv_strings{NodeBinary(), (ScriptDir() / script).string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto env_strings = ChildEnvironment();
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw std::runtime_error("cannot start " + argv_strings[0] + ": " + std::strerror(rc));
  in.Close(0);
  out.Close(1);
  err.Close(1);
  fcntl(in.fd[1], F_SETFL, O_NONBLOCK);

  NodeResult result;
  std::size_t written = 0;
  if (input.empty()) in.Close(1);
  const auto deadline = Clock::now() + timeout;
  bool timed_out = false;
  while (out.fd[0] >= 0 || err.fd[0] >= 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd fds[3];
    nfds_t n = 0;
    int* owners[3];
    auto add = [&](int& fd, short events) {
      if (fd < 0) return;
      fds[n] = pollfd{fd, events, 0};
      owners[n++] = &fd;
    };
    add(in.fd[1], POLLOUT);
    add(out.fd[0], POLLIN);
    add(err.fd[0], POLLIN);
    if (poll(fds, n, static_cast<int>(left.count())) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      int& fd = *owners[i];
      if (&fd == &in.fd[1]) {
        const ssize_t w = write(fd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if (w < 0 && errno != EAGAIN) written = input.size();  // child closed stdin
        if (written >= input.size()) in.Close(1);
        continue;
      }
      char buf[8192];
      const ssize_t r = read(fd, buf, sizeof buf);
      if (r > 0) {
        (&fd == &out.fd[0] ? result.out : result.err).append(buf, static_cast<std::size_t>(r));
      } else if (r == 0 || errno != EAGAIN) {
        close(fd);
        fd = -1;
      }
    }
  }
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (timed_out) result.err += "\n[node_runner] killed after timeout";
  return result;
}

boost::json::value RunNodeJson(const std::string& script, const boost::json::value& request,
                               std::chrono::milliseconds timeout) {
  const auto run = RunNode(script, {}, boost::json::serialize(request), timeout);
  if (run.exit_code != 0) {
    throw std::runtime_error(script + " exited with " + std::to_string(run.exit_code) +
                             "\nstderr:\n" + run.err + "\nstdout:\n" + run.out);
  }
  boost::system::error_code ec;
  auto value = boost::json::parse(run.out, ec);
  if (ec) {
    throw std::runtime_error(script + " printed no JSON (" + ec.message() + ")\nstdout:\n" +
                             run.out + "\nstderr:\n" + run.err);
  }
  return value;
}

}  // namespace nmshd::transport::testing
