#include "http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <thread>
#include <vector>

#include "base/coded_error.h"

namespace nmshd::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct Server::Impl {
  ServerOptions options;
  std::function<Response(Request&)> app;
  ErrorRenderer errors;
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor{io};
  std::vector<std::thread> io_threads;
  std::atomic<std::size_t> in_flight{0};
  std::atomic<bool> stopping{false};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;

  Impl(ServerOptions o, std::function<Response(Request&)> a, ErrorRenderer e)
      : options(std::move(o)), app(std::move(a)), errors(std::move(e)),
        workers(options.worker_threads) {}

  Response Handle(Request& request) {
    try {
      return app(request);
    } catch (const std::exception& e) {
      return errors(500, "An unexpected error occurred.");
    }
  }

  static bool ParseTarget(Request& out) {
    auto parsed = boost::urls::parse_origin_form(out.target);
    if (!parsed) return false;
    out.path = parsed->path();
    // '+' is a space in query strings (axios and Express both treat it so).
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto param : parsed->params(opts)) {
      out.query.emplace_back(param.key, param.has_value ? param.value : std::string());
    }
    return true;
  }

  asio::awaitable<void> WriteResponse(beast::tcp_stream& stream, Response response,
                                      unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), version};
    for (auto& [k, v] : response.headers) res.set(k, v);
    res.keep_alive(keep_alive);
    res.body() = std::move(response.body);
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    std::string remote;
    {
      boost::system::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(options.max_body_bytes);
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      stream.expires_after(options.read_timeout);
      auto [ec, bytes] =
          co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      (void)bytes;
      if (ec == bhttp::error::body_limit) {
        co_await WriteResponse(stream, errors(413, "The request body is too large."), 11, false);
        break;
      }
      if (ec == bhttp::error::header_limit) {
        co_await WriteResponse(stream, errors(431, "The request headers are too large."), 11, false);
        break;
      }
      if (ec) {
        if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
            ec != asio::error::connection_reset && ec != asio::error::eof && bytes > 0) {
          co_await WriteResponse(stream, errors(400, "The request could not be parsed."), 11, false);
        }
        break;
      }
      auto& raw = parser.get();
      Request request;
      request.method = std::string(raw.method_string());
      request.target = std::string(raw.target());
      request.remote_address = remote;
      for (const auto& field : raw) {
        request.headers[std::string(field.name_string())] = std::string(field.value());
      }
      request.body = std::move(raw.body());
      bool keep_alive = raw.keep_alive();
      unsigned version = raw.version();
      if (!ParseTarget(request)) {
        co_await WriteResponse(stream, errors(400, "The request target is not a valid URL."),
                               version, false);
        break;
      }
      ++in_flight;
      auto caller = co_await asio::this_coro::executor;
      // Named local (g++ 12 double-destroys capturing lambdas built inside co_await).
      auto task = [this, &request]() -> asio::awaitable<Response> { co_return Handle(request); };
      Response response = co_await asio::co_spawn(workers.get_executor(), std::move(task),
                                                  asio::bind_executor(caller, asio::use_awaitable));
      if (response.delay.count() > 0) {
        asio::steady_timer timer(caller, response.delay);
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      }
      keep_alive = keep_alive && !stopping.load();
      co_await WriteResponse(stream, std::move(response), version, keep_alive);
      --in_flight;
      if (!keep_alive) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (stopping.load() || ec == asio::error::operation_aborted) co_return;
        continue;  // e.g. EMFILE: keep serving the connections we have
      }
      socket.set_option(tcp::no_delay(true));
      auto session = Session(std::move(socket));
      asio::co_spawn(io, std::move(session), asio::detached);
    }
  }
};

Server::Server(ServerOptions options, std::function<Response(Request&)> app, ErrorRenderer errors)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(app), std::move(errors))) {}

Server::~Server() { Stop(); }

void Server::Start() {
  auto& i = *impl_;
  try {
    tcp::endpoint ep(asio::ip::make_address(i.options.address), i.options.port);
    i.acceptor.open(ep.protocol());
    i.acceptor.set_option(asio::socket_base::reuse_address(true));
    i.acceptor.bind(ep);
    i.acceptor.listen(asio::socket_base::max_listen_connections);
  } catch (const std::exception& e) {
    throw CodedError("error.http.cannotListen", "cannot listen on " + i.options.address + ":" +
                                                    std::to_string(i.options.port) + ": " + e.what());
  }
  i.guard.emplace(i.io.get_executor());
  auto accept = i.Accept();
  asio::co_spawn(i.io, std::move(accept), asio::detached);
  for (std::size_t n = 0; n < std::max<std::size_t>(1, i.options.io_threads); ++n) {
    i.io_threads.emplace_back([&io = i.io] { io.run(); });
  }
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

std::size_t Server::InFlight() const { return impl_->in_flight.load(); }

bool Server::Stop() {
  auto& i = *impl_;
  if (i.io_threads.empty()) return true;
  i.stopping = true;
  asio::post(i.io, [&i] {
    boost::system::error_code ignored;
    i.acceptor.close(ignored);
  });
  auto deadline = std::chrono::steady_clock::now() + i.options.shutdown_grace;
  while (i.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  bool drained = i.in_flight.load() == 0;
  i.guard.reset();
  i.io.stop();
  for (auto& t : i.io_threads) t.join();
  i.io_threads.clear();
  i.workers.join();
  return drained;
}

}  // namespace nmshd::http
