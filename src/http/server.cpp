#include "http/server.h"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
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
  // Declared before `io`: session coroutines still suspended when the server is destroyed are
  // destroyed with `io` and update these on the way out.
  std::atomic<std::size_t> in_flight{0};
  std::atomic<bool> stopping{false};
  // Streaming responses being sent; Stop() ends them (they are not in_flight: their handler is done).
  std::mutex streams_mutex;
  std::set<std::shared_ptr<StreamingBody>> streams;
  std::atomic<std::size_t> open_streams{0};
  // Answers waiting for their Response::ready_when. Stop() drops those still waiting once the io
  // threads have ended: a dropped handler hands its session to `io`, which unwinds it when it is
  // destroyed (closing the connection), and a late callback finds nothing left to resume.
  struct HeldAnswer {
    virtual ~HeldAnswer() = default;
    virtual void Drop() = 0;
  };
  template <class Handler>
  struct HeldAnswerOf final : HeldAnswer {
    explicit HeldAnswerOf(Handler h) : handler(std::move(h)) {}
    void Release(const std::string& failure) {
      std::lock_guard lock(mutex);
      if (!handler) return;
      auto executor = asio::get_associated_executor(*handler);
      asio::post(executor, [h = std::move(*handler), failure]() mutable { std::move(h)(failure); });
      handler.reset();
    }
    void Drop() override {
      std::optional<Handler> dropped;
      std::lock_guard lock(mutex);
      if (handler) dropped.emplace(std::move(*handler));
      handler.reset();
    }
    std::mutex mutex;
    std::optional<Handler> handler;
  };
  std::mutex held_mutex;
  std::set<std::shared_ptr<HeldAnswer>> held;
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor{io};
  std::vector<std::thread> io_threads;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;

  Impl(ServerOptions o, std::function<Response(Request&)> a, ErrorRenderer e)
      : options(std::move(o)), app(std::move(a)), errors(std::move(e)), workers(options.worker_threads) {}

  Response Handle(Request& request) {
    try {
      return app(request);
    } catch (const std::exception& e) {
      return errors(500, "An unexpected error occurred.");
    }
  }

  using Release = std::function<void(const std::string& failure)>;

  // Suspends the session until the callback handed to `start` is called (from any thread); returns
  // its failure ("" when the answer is ready). The session is held in `held` meanwhile, so Stop()
  // can drop it. `start` runs at once and must not throw.
  asio::awaitable<std::string> AwaitRelease(std::function<void(Release)> start) {
    std::shared_ptr<HeldAnswer> registered;
    // Named local (g++ 12 double-destroys capturing lambdas built inside co_await).
    auto initiation = [this, &start, &registered](auto handler) {
      auto answer = std::make_shared<HeldAnswerOf<decltype(handler)>>(std::move(handler));
      {
        std::lock_guard lock(held_mutex);
        held.insert(answer);
      }
      registered = answer;
      start([answer](const std::string& failure) { answer->Release(failure); });
    };
    auto failure = co_await asio::async_initiate<decltype(asio::use_awaitable), void(std::string)>(
        std::move(initiation), asio::use_awaitable);
    std::lock_guard lock(held_mutex);
    held.erase(registered);
    co_return failure;
  }

  static void WaitUntilReady(const std::function<void(Release)>& ready_when, const Release& release) {
    try {
      ready_when(release);
    } catch (const std::exception& e) {
      release(std::string("cannot wait for the answer: ") + e.what());
    }
  }

  // Suspends the session until `ready_when` calls back; returns its failure ("" when ready).
  asio::awaitable<std::string> AwaitReady(std::function<void(Release)> ready_when) {
    auto start = [&ready_when](Release release) { WaitUntilReady(ready_when, release); };
    co_return co_await AwaitRelease(std::move(start));
  }

  // Runs the handler on a worker. A response that must wait for `ready_when` registers that wait
  // right there on the worker, so the session is resumed once, when the answer can be sent: handing
  // the response back to the io thread first, only for it to register the wait, cost a wake-up of
  // the io thread per request (a quarter of the thread hand-offs of a durable write).
  asio::awaitable<Response> HandleOnWorker(Request& request) {
    Response response;
    // The worker writes `response` before it releases the session, which reads it only once resumed.
    auto start = [this, &request, &response](Release release) {
      asio::post(workers, [this, &request, &response, release = std::move(release)] {
        response = Handle(request);
        if (!response.ready_when) {
          release("");
          return;
        }
        WaitUntilReady(std::exchange(response.ready_when, nullptr), release);
      });
    };
    auto failure = co_await AwaitRelease(std::move(start));
    if (!failure.empty()) response = errors(500, "The answer could not be made durable: " + failure);
    co_return response;
  }

  void DropHeldAnswers() {
    std::set<std::shared_ptr<HeldAnswer>> dropped;
    {
      std::lock_guard lock(held_mutex);
      dropped.swap(held);
    }
    for (const auto& answer : dropped) answer->Drop();
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

  asio::awaitable<void> WriteResponse(beast::tcp_stream& stream, Response response, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), version};
    for (auto& [k, v] : response.headers) res.set(k, v);
    res.keep_alive(keep_alive);
    res.body() = std::move(response.body);
    res.prepare_payload();
    // The header block rendered here in one piece and written together with the body in one call:
    // Beast's serializer walks its buffer sequence piece by piece, which was a tenth of the CPU time
    // of a small answer. The fields are still Beast's (keep_alive and prepare_payload above).
    std::string head;
    head.reserve(256);
    head += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    head += std::to_string(res.result_int());
    head += ' ';
    head += res.reason();
    head += "\r\n";
    for (const auto& field : res) {
      head += field.name_string();
      head += ": ";
      head += field.value();
      head += "\r\n";
    }
    head += "\r\n";
    std::array<asio::const_buffer, 2> pieces{asio::buffer(head), asio::buffer(res.body())};
    co_await asio::async_write(stream, pieces, asio::as_tuple(asio::use_awaitable));
  }

  // Registers a stream for Stop(); false when the server is already stopping.
  bool AddStream(const std::shared_ptr<StreamingBody>& body) {
    std::lock_guard lock(streams_mutex);
    if (stopping.load()) return false;
    streams.insert(body);
    return true;
  }

  void RemoveStream(const std::shared_ptr<StreamingBody>& body) {
    std::lock_guard lock(streams_mutex);
    streams.erase(body);
  }

  // Ends every open stream; their sessions then send the last chunk and close.
  void EndStreams() {
    std::vector<std::shared_ptr<StreamingBody>> open;
    {
      std::lock_guard lock(streams_mutex);
      open.assign(streams.begin(), streams.end());
    }
    for (auto& body : open) body->End();
  }

  // One piece of a streamed body: a chunk, or raw bytes for HTTP/1.0 (ended by closing).
  asio::awaitable<bool> WriteStreamPiece(beast::tcp_stream& stream, std::string data, bool chunked) {
    stream.expires_after(options.read_timeout);  // a client that stops reading must not hold us
    boost::system::error_code ec;
    if (chunked) {
      auto chunk = bhttp::make_chunk(asio::buffer(data));  // named local: g++ 12 coroutine bug
      std::tie(ec, std::ignore) = co_await asio::async_write(stream, chunk, asio::as_tuple(asio::use_awaitable));
    } else {
      auto buffer = asio::buffer(data);
      std::tie(ec, std::ignore) = co_await asio::async_write(stream, buffer, asio::as_tuple(asio::use_awaitable));
    }
    stream.expires_never();
    co_return !ec;
  }

  // Sends a streaming response: the headers at once, then the body's chunks as they are written,
  // heartbeats while it is idle, until the body ends, the client goes away or the server stops.
  // Waiting costs no thread: the session sleeps on a timer that a Write expires (posted to this
  // session's strand) while a read notices the client closing the connection.
  asio::awaitable<void> SendStream(beast::tcp_stream& stream, Response response, unsigned version) {
    auto body = std::move(response.stream);
    ++open_streams;
    struct Done {
      Impl* impl;
      std::shared_ptr<StreamingBody> body;
      ~Done() {
        body->End();
        impl->RemoveStream(body);
        --impl->open_streams;
      }
    } done{this, body};
    if (!AddStream(body)) body->End();

    const bool chunked = version >= 11;
    bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(response.status), version};
    for (auto& [k, v] : response.headers) res.set(k, v);
    res.keep_alive(false);
    if (chunked) res.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer(res);
    stream.expires_after(options.read_timeout);
    auto [header_ec, header_bytes] =
        co_await bhttp::async_write_header(stream, serializer, asio::as_tuple(asio::use_awaitable));
    (void)header_bytes;
    stream.expires_never();
    if (header_ec) co_return;

    auto executor = co_await asio::this_coro::executor;
    auto wakeup = std::make_shared<asio::steady_timer>(executor);
    std::weak_ptr<asio::steady_timer> weak_wakeup = wakeup;
    // Moving the expiry to now (rather than cancelling) also wakes a wait that starts after this
    // ran: the operands of `||` below are started only after this coroutine suspended. The loop
    // takes the queue right before it sets the expiry and waits, with no suspension in between, so
    // a wakeup is either for data that Take returns or arrives while the wait is set up.
    body->Attach([executor, weak_wakeup] {
      asio::post(executor, [weak_wakeup] {
        if (auto timer = weak_wakeup.lock()) timer->expires_at(std::chrono::steady_clock::now());
      });
    });

    const auto& heartbeat = body->options().heartbeat;
    const auto interval = body->options().heartbeat_interval;
    auto last_sent = std::chrono::steady_clock::now();
    std::array<char, 256> scratch{};
    for (;;) {
      bool finished = false;
      std::string data = body->Take(finished);
      if (!data.empty()) {
        if (!co_await WriteStreamPiece(stream, std::move(data), chunked)) co_return;
        last_sent = std::chrono::steady_clock::now();
        continue;  // Take again: a wakeup that ran during the write was for data queued meanwhile
      }
      if (finished || body->ended()) break;
      if (!heartbeat.empty() && std::chrono::steady_clock::now() - last_sent >= interval) {
        if (!co_await WriteStreamPiece(stream, heartbeat, chunked)) co_return;
        last_sent = std::chrono::steady_clock::now();
        continue;
      }
      if (heartbeat.empty()) {
        wakeup->expires_at(std::chrono::steady_clock::time_point::max());
      } else {
        wakeup->expires_at(last_sent + interval);
      }
      using namespace asio::experimental::awaitable_operators;
      // Named locals: g++ 12 destroys temporaries inside a co_await expression twice.
      auto wait = wakeup->async_wait(asio::as_tuple(asio::use_awaitable));
      auto read = stream.socket().async_read_some(asio::buffer(scratch), asio::as_tuple(asio::use_awaitable));
      auto either = std::move(wait) || std::move(read);
      auto outcome = co_await std::move(either);
      if (outcome.index() == 1 && std::get<0>(std::get<1>(outcome))) co_return;  // the client is gone
      // Anything the client sends on an event stream is ignored.
    }
    if (chunked) {
      auto last = bhttp::make_chunk_last();
      stream.expires_after(options.read_timeout);
      co_await asio::async_write(stream, last, asio::as_tuple(asio::use_awaitable));
    }
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
      auto [ec, bytes] = co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
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
        if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout && ec != asio::error::connection_reset &&
            ec != asio::error::eof && bytes > 0) {
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
        co_await WriteResponse(stream, errors(400, "The request target is not a valid URL."), version, false);
        break;
      }
      ++in_flight;
      auto caller = co_await asio::this_coro::executor;
      Response response;
      if (options.answers_without_blocking && options.answers_without_blocking(request)) {
        response = Handle(request);
      } else {
        response = co_await HandleOnWorker(request);
      }
      if (response.ready_when) {
        auto ready_when = std::exchange(response.ready_when, nullptr);
        auto failure = co_await AwaitReady(std::move(ready_when));
        if (!failure.empty()) response = errors(500, "The answer could not be made durable: " + failure);
      }
      if (response.stream) {
        --in_flight;
        co_await SendStream(stream, std::move(response), version);
        break;
      }
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
      // Serial per connection: a streaming response is woken by handlers posted from other threads.
      // One io thread already runs everything in order, where a strand would only add a lock to every
      // resumption; with more, a strand per connection.
      if (options.io_threads <= 1) {
        asio::co_spawn(io, std::move(session), asio::detached);
      } else {
        asio::co_spawn(asio::make_strand(io), std::move(session), asio::detached);
      }
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
    throw CodedError("error.http.cannotListen",
                     "cannot listen on " + i.options.address + ":" + std::to_string(i.options.port) + ": " + e.what());
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
  // Open streams end now (they would never end by themselves); their sessions send the last chunk.
  i.EndStreams();
  auto deadline = std::chrono::steady_clock::now() + i.options.shutdown_grace;
  while (i.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  bool drained = i.in_flight.load() == 0;
  // A stream a request answered during the drain was refused (AddStream), so this is short.
  const auto streams_deadline = std::min(deadline, std::chrono::steady_clock::now() + std::chrono::seconds(1));
  while (i.open_streams.load() > 0 && std::chrono::steady_clock::now() < streams_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  i.guard.reset();
  i.io.stop();
  for (auto& t : i.io_threads) t.join();
  i.io_threads.clear();
  i.workers.join();
  i.DropHeldAnswers();
  return drained;
}

}  // namespace nmshd::http
