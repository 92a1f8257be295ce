// Streaming responses (Response::stream): headers at once, chunks pushed later, heartbeats, and the
// ways a stream ends (producer, client, server stop), read with a raw socket so we see the bytes as
// they arrive rather than a client library's finished response.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/router.h"
#include "http/server.h"
#include "http/streaming_body.h"

namespace nmshd::http {
namespace {

using namespace std::chrono_literals;

// A plain TCP client that keeps everything it received.
class RawClient {
 public:
  explicit RawClient(unsigned short port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() { Close(); }

  bool connected() const { return connected_; }
  void Send(const std::string& text) { (void)::send(fd_, text.data(), text.size(), MSG_NOSIGNAL); }
  void Get(const std::string& target, const std::string& version = "HTTP/1.1") {
    Send("GET " + target + " " + version + "\r\nHost: localhost\r\n\r\n");
  }
  // Reads until `needle` occurs in everything received (true) or `timeout` passes / the peer closes.
  bool ReadUntil(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (received_.find(needle) == std::string::npos) {
      if (!ReadSome(deadline)) return received_.find(needle) != std::string::npos;
    }
    return true;
  }
  // Reads until the server closes the connection (true) or `timeout` passes.
  bool ReadUntilClosed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_) {
      if (!ReadSome(deadline) && !closed_) return false;
    }
    return true;
  }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  const std::string& received() const { return received_; }

 private:
  bool ReadSome(std::chrono::steady_clock::time_point deadline) {
    if (closed_) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[4096];
    const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) {
      closed_ = true;
      return false;
    }
    received_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int fd_;
  bool connected_ = false;
  bool closed_ = false;
  std::string received_;
};

Response RenderError(int status, const std::string& detail) { return Response{status, {}, detail}; }

// A server whose /events hands out streams the test writes to; /plain answers normally.
struct StreamFixture {
  explicit StreamFixture(ServerOptions options = {}, StreamingBody::Options stream_options = {}) {
    router.Add("GET", "/events", [this, stream_options](Request&) {
      auto body = std::make_shared<StreamingBody>(stream_options);
      {
        std::lock_guard lock(mutex);
        streams.push_back(body);
      }
      opened.notify_all();
      Response r{200, {{"Content-Type", "text/event-stream"}}, "ignored"};
      r.stream = body;
      return r;
    });
    router.Add("GET", "/plain", [](Request&) { return Response{200, {}, "plain"}; });
    server = std::make_unique<Server>(
        options,
        [this](Request& r) {
          auto m = router.Find(r);
          if (m.outcome != Router::Outcome::kFound) return RenderError(404, "no route");
          return (*m.handler)(r);
        },
        RenderError);
    server->Start();
  }
  // The n-th stream a handler created (waits for it).
  std::shared_ptr<StreamingBody> Stream(std::size_t n) {
    std::unique_lock lock(mutex);
    opened.wait_for(lock, 5s, [&] { return streams.size() > n; });
    return streams.size() > n ? streams[n] : nullptr;
  }

  Router router;
  std::mutex mutex;
  std::condition_variable opened;
  std::vector<std::shared_ptr<StreamingBody>> streams;
  std::unique_ptr<Server> server;
};

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

TEST(StreamingBody, RefusesWritesAfterTheEndAndReportsTheEndOnce) {
  StreamingBody body;
  int ends = 0;
  body.OnEnd([&] { ++ends; });
  EXPECT_TRUE(body.Write("a"));
  bool finished = true;
  EXPECT_EQ(body.Take(finished), "a");
  EXPECT_FALSE(finished);
  body.Finish();
  EXPECT_FALSE(body.Write("b"));
  EXPECT_EQ(body.Take(finished), "");
  EXPECT_TRUE(finished);
  body.End();
  body.End();
  EXPECT_EQ(ends, 1);
  int late = 0;
  body.OnEnd([&] { ++late; });  // registered after the end: runs at once
  EXPECT_EQ(late, 1);
}

TEST(StreamingBody, AClientThatDoesNotReadEndsTheStreamInsteadOfGrowingTheBuffer) {
  StreamingBody::Options options;
  options.max_buffered_bytes = 10;
  StreamingBody body(options);
  bool ended = false;
  body.OnEnd([&] { ended = true; });
  EXPECT_TRUE(body.Write("0123456789"));
  EXPECT_FALSE(body.Write("x"));
  EXPECT_TRUE(ended);
  EXPECT_TRUE(body.ended());
}

TEST(ServerStreaming, HeadersArriveAtOnceAndEventsWhenTheyAreWritten) {
  StreamFixture f;
  RawClient client(f.server->port());
  ASSERT_TRUE(client.connected());
  client.Get("/events");
  ASSERT_TRUE(client.ReadUntil("\r\n\r\n", 3s)) << client.received();
  EXPECT_NE(client.received().find("HTTP/1.1 200"), std::string::npos);
  EXPECT_NE(client.received().find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_NE(client.received().find("Transfer-Encoding: chunked"), std::string::npos);
  EXPECT_EQ(client.received().find("ignored"), std::string::npos);

  auto stream = f.Stream(0);
  ASSERT_TRUE(stream);
  std::this_thread::sleep_for(200ms);  // nothing is pending: the session must be waiting, not done
  EXPECT_FALSE(client.ReadUntil("event: one", 100ms));
  ASSERT_TRUE(stream->Write("event: one\ndata: 1\n\n"));
  ASSERT_TRUE(client.ReadUntil("event: one\ndata: 1\n\n", 3s)) << client.received();
  // Written from another thread later still arrives on the same response.
  std::thread([stream] { stream->Write("event: two\ndata: 2\n\n"); }).join();
  ASSERT_TRUE(client.ReadUntil("event: two\ndata: 2\n\n", 3s)) << client.received();

  stream->Finish();
  ASSERT_TRUE(client.ReadUntil("0\r\n\r\n", 3s)) << client.received();  // the last chunk
  EXPECT_TRUE(client.ReadUntilClosed(3s));
  EXPECT_TRUE(WaitFor([&] { return stream->ended(); }, 3s));
}

TEST(ServerStreaming, IdleStreamsSendHeartbeats) {
  StreamingBody::Options options;
  options.heartbeat = ": keep-alive\n\n";
  options.heartbeat_interval = 100ms;
  StreamFixture f({}, options);
  RawClient client(f.server->port());
  client.Get("/events");
  ASSERT_TRUE(client.ReadUntil("\r\n\r\n", 3s));
  const auto headers_end = client.received().size();
  ASSERT_TRUE(client.ReadUntil(": keep-alive\n\n", 3s)) << client.received();
  std::this_thread::sleep_for(350ms);
  client.ReadUntil("never", 50ms);
  std::size_t count = 0;
  for (auto at = client.received().find(": keep-alive", headers_end); at != std::string::npos;
       at = client.received().find(": keep-alive", at + 1)) {
    ++count;
  }
  EXPECT_GE(count, 3u) << client.received();
}

TEST(ServerStreaming, HttpOneZeroClientsGetRawBytesAndTheConnectionCloses) {
  StreamFixture f;
  RawClient client(f.server->port());
  client.Get("/events", "HTTP/1.0");
  ASSERT_TRUE(client.ReadUntil("\r\n\r\n", 3s));
  EXPECT_EQ(client.received().find("chunked"), std::string::npos) << client.received();
  auto stream = f.Stream(0);
  ASSERT_TRUE(stream);
  stream->Write("data: x\n\n");
  ASSERT_TRUE(client.ReadUntil("\r\n\r\ndata: x\n\n", 3s)) << client.received();
  stream->Finish();
  EXPECT_TRUE(client.ReadUntilClosed(3s)) << client.received();
}

TEST(ServerStreaming, AClientThatDisconnectsEndsTheStreamWithoutAWrite) {
  StreamFixture f;
  RawClient client(f.server->port());
  client.Get("/events");
  ASSERT_TRUE(client.ReadUntil("\r\n\r\n", 3s));
  auto stream = f.Stream(0);
  ASSERT_TRUE(stream);
  std::atomic<bool> ended{false};
  stream->OnEnd([&] { ended = true; });
  client.Close();
  EXPECT_TRUE(WaitFor([&] { return ended.load(); }, 3s));
  EXPECT_FALSE(stream->Write("too late"));
}

TEST(ServerStreaming, StopEndsOpenStreamsPromptlyInsteadOfWaitingForTheGracePeriod) {
  ServerOptions options;
  options.shutdown_grace = 10s;
  StreamFixture f(options);
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 3; ++i) {
    clients.push_back(std::make_unique<RawClient>(f.server->port()));
    clients.back()->Get("/events");
    ASSERT_TRUE(clients.back()->ReadUntil("\r\n\r\n", 3s));
  }
  auto first = f.Stream(0);
  ASSERT_TRUE(first);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(f.server->Stop());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  for (auto& client : clients) {
    EXPECT_TRUE(client->ReadUntilClosed(3s));
    EXPECT_NE(client->received().find("0\r\n\r\n"), std::string::npos) << client->received();
  }
  EXPECT_TRUE(first->ended());
  EXPECT_FALSE(first->Write("after stop"));
}

TEST(ServerStreaming, OpenStreamsHoldNoWorkerThread) {
  ServerOptions options;
  options.worker_threads = 1;
  options.io_threads = 2;  // wakeups posted from other threads meet sessions on several io threads
  StreamFixture f(options);
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 4; ++i) {
    clients.push_back(std::make_unique<RawClient>(f.server->port()));
    clients.back()->Get("/events");
    ASSERT_TRUE(clients.back()->ReadUntil("\r\n\r\n", 3s)) << "stream " << i;
  }
  RawClient plain(f.server->port());
  plain.Get("/plain");
  ASSERT_TRUE(plain.ReadUntil("plain", 3s)) << plain.received();
  // And every stream still delivers.
  for (std::size_t i = 0; i < clients.size(); ++i) {
    auto stream = f.Stream(i);
    ASSERT_TRUE(stream);
    stream->Write("data: " + std::to_string(i) + "\n\n");
    EXPECT_TRUE(clients[i]->ReadUntil("data: " + std::to_string(i) + "\n\n", 3s));
  }
}

}  // namespace
}  // namespace nmshd::http
