#pragma once
// HTTP/1.1 server for the REST APIs of `backbone` and `connector`.
// Threading: connections are coroutines on an io_context run by `io_threads`; the application
// handler runs on a separate pool of `worker_threads`, because handlers call blocking drivers
// (SQLite, libpq) and must never stall the reactor. Beast/Asio stay inside server.cpp.
// A response with a `stream` (streaming_body.h, e.g. server-sent events) is sent from the io
// threads as it is written; it holds no worker thread while it is open. A response with `ready_when`
// holds no thread either: the worker that ran the handler registers the wait, and the session is
// resumed on the io threads once the answer is ready to be sent.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace nmshd::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 0;  // 0: an ephemeral port, see Server::port()
  std::size_t io_threads = 1;
  std::size_t worker_threads = 4;
  std::size_t max_body_bytes = 2 * 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds read_timeout{30000};
  std::chrono::milliseconds shutdown_grace{10000};
  // Requests the application answers without blocking (no database, no outgoing call): handled on
  // the io thread itself, saving the two thread switches to and from the worker pool. Unset: none.
  std::function<bool(const Request&)> answers_without_blocking;
};

// Renders a protocol-level failure (413 body too large, 400 unparsable request, 500 handler threw)
// in the application's own error envelope. `detail` is safe to show to the client.
using ErrorRenderer = std::function<Response(int status, const std::string& detail)>;

class Server {
 public:
  Server(ServerOptions options, std::function<Response(Request&)> app, ErrorRenderer errors);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads; throws CodedError "error.http.cannotListen" when binding fails.
  void Start();
  unsigned short port() const;
  // Stops accepting, ends open streams at once (their clients get a clean end of the response),
  // lets in-flight requests finish within shutdown_grace, then joins the threads. Returns false
  // when requests were still running at the deadline; open streams do not count as running.
  bool Stop();
  std::size_t InFlight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nmshd::http
