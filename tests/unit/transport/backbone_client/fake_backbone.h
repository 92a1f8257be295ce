#pragma once
// A scripted HTTP server on 127.0.0.1 (cpp-httplib, own thread) that records what the client sent.
//
//   FakeBackbone fake;
//   fake.On("GET", "/x", [](const httplib::Request&, httplib::Response& res) { ... });
//   fake.Start();
//   BackboneClient client(fake.Options());
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "transport/backbone/backbone_client_options.h"

namespace nmshd::transport::testing {

struct RecordedRequest {
  std::string method;
  std::string path;
  httplib::Params params;
  httplib::Headers headers;
  std::string body;
  int remote_port = 0;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  std::string Param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? "" : it->second;
  }
};

class FakeBackbone {
 public:
  FakeBackbone() {
    // More workers than concurrent client connections, so no connection waits for a free worker.
    server_.new_task_queue = [] { return new httplib::ThreadPool(24); };
    // httplib closes a connection after 5 requests by default, which would hide whether the client
    // keeps its connections alive.
    server_.set_keep_alive_max_count(100000);
  }
  ~FakeBackbone() { Stop(); }
  FakeBackbone(const FakeBackbone&) = delete;
  FakeBackbone& operator=(const FakeBackbone&) = delete;

  httplib::Server& server() { return server_; }

  // Registers `handler` for method and path pattern; the request is recorded before the handler
  // runs, so it is visible by the time the client has the answer.
  void On(const std::string& method, const std::string& pattern, httplib::Server::Handler handler) {
    auto recording = [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard lock(mutex_);
        requests_.push_back({req.method, req.path, req.params, req.headers, req.body, req.remote_port});
      }
      handler(req, res);
    };
    if (method == "GET") server_.Get(pattern, recording);
    else if (method == "POST") server_.Post(pattern, recording);
    else if (method == "PUT") server_.Put(pattern, recording);
    else if (method == "PATCH") server_.Patch(pattern, recording);
    else if (method == "DELETE") server_.Delete(pattern, recording);
    else throw std::invalid_argument("unsupported method " + method);
  }

  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a port");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }

  void Stop() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  int port() const { return port_; }
  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

  BackboneClientOptions Options() const {
    BackboneClientOptions options;
    options.base_url = BaseUrl();
    options.client_id = "test-client";
    options.client_secret = "test-secret";
    options.timeout = std::chrono::milliseconds(10000);
    return options;
  }

  std::vector<RecordedRequest> Requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::vector<RecordedRequest> RequestsTo(const std::string& path) const {
    std::vector<RecordedRequest> out;
    for (auto& r : Requests()) {
      if (r.path == path) out.push_back(r);
    }
    return out;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
};

// A port on 127.0.0.1 nobody listens on (bound by the kernel's choice, then released).
inline int UnusedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot find an unused port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace nmshd::transport::testing
