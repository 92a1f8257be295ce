#include "http/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <boost/json.hpp>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/router.h"

namespace nmshd::http {
namespace {

Response RenderError(int status, const std::string& detail) {
  return Response::Json(status, boost::json::object{{"error", {{"message", detail}}}});
}

struct Fixture {
  explicit Fixture(ServerOptions options = {}) {
    router.Add("POST", "/echo", [](Request& r) {
      boost::json::object o;
      o["method"] = r.method;
      o["body"] = r.body;
      o["ids"] = boost::json::value_from(r.QueryValues("ids"));
      o["name"] = r.QueryValue("NAME").value_or("");
      o["header"] = r.Header("x-test").value_or("");
      return Response::Json(201, o);
    });
    router.Add("GET", "/throw", [](Request&) -> Response { throw std::runtime_error("boom"); });
    router.Add("GET", "/delayed", [](Request&) {
      Response r{401, {}, "late"};
      r.delay = std::chrono::milliseconds(400);
      return r;
    });
    router.Add("GET", "/slow", [this](Request&) {
      started = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      finished = true;
      return Response{200, {}, "done"};
    });
    router.Add("GET", "/quick", [](Request&) { return Response{200, {}, "quick"}; });
    // Answered once the test calls Open() with a failure ("" = ready), from the test's thread.
    router.Add("GET", "/held", [this](Request&) {
      Response r{200, {}, "held"};
      const auto handler_thread = std::this_thread::get_id();
      r.ready_when = [this, handler_thread](std::function<void(const std::string&)> done) {
        std::lock_guard lock(gate_mutex);
        gates.push_back(std::move(done));
        waits_registered_by_handler_thread.push_back(std::this_thread::get_id() == handler_thread);
      };
      return r;
    });
    server = std::make_unique<Server>(
        options,
        [this](Request& r) {
          auto m = router.Find(r);
          if (m.outcome != Router::Outcome::kFound) return RenderError(404, "no route");
          return (*m.handler)(r);
        },
        RenderError);
    server->Start();
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
    client->set_url_encode(false);  // send targets exactly as written
  }
  std::size_t HeldAnswers() {
    std::lock_guard lock(gate_mutex);
    return gates.size();
  }
  void Open(std::size_t index, const std::string& failure) {
    std::function<void(const std::string&)> done;
    {
      std::lock_guard lock(gate_mutex);
      done = gates.at(index);
    }
    done(failure);
  }
  Router router;
  std::mutex gate_mutex;
  std::vector<std::function<void(const std::string&)>> gates;
  std::vector<bool> waits_registered_by_handler_thread;
  std::atomic<bool> started{false};
  std::atomic<bool> finished{false};
  std::unique_ptr<Server> server;
  std::unique_ptr<httplib::Client> client;
};

TEST(Server, ParsesQueryHeadersAndBody) {
  Fixture f;
  httplib::Headers headers{{"X-Test", "yes"}};
  auto res = f.client->Post("/echo?ids=a&ids=b%20c&name=x+y", headers, "{\"k\":1}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res->body, R"({"method":"POST","body":"{\"k\":1}","ids":["a","b c"],"name":"x y","header":"yes"})");
}

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
  Fixture f;
  f.client->set_keep_alive(true);
  for (int i = 0; i < 20; ++i) {
    auto res = f.client->Post("/echo", std::to_string(i), "text/plain");
    ASSERT_TRUE(res);
    EXPECT_NE(res->body.find("\"body\":\"" + std::to_string(i) + "\""), std::string::npos);
  }
}

TEST(Server, OversizeBodyIs413InTheApplicationsEnvelope) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  Fixture f(options);
  auto res = f.client->Post("/echo", std::string(4096, 'x'), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(res->body, R"({"error":{"message":"The request body is too large."}})");
}

TEST(Server, HandlerExceptionIs500AndTheServerKeepsServing) {
  Fixture f;
  auto res = f.client->Get("/throw");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(res->body, R"({"error":{"message":"An unexpected error occurred."}})");
  auto again = f.client->Post("/echo", "1", "text/plain");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 201);
}

TEST(Server, DelayedResponsesWaitOnATimerNotOnAWorker) {
  ServerOptions options;
  options.worker_threads = 1;
  Fixture f(options);
  constexpr int kRequests = 6;
  std::vector<std::thread> clients;
  std::atomic<int> delayed_ok{0};
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kRequests; ++i) {
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", f.server->port());
      auto res = c.Get("/delayed");
      if (res && res->status == 401 && res->body == "late") ++delayed_ok;
    });
  }
  for (auto& c : clients) c.join();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(delayed_ok.load(), kRequests);
  // Every answer waited its 400 ms, but concurrently: one worker holding each delay would need 2.4 s.
  EXPECT_GE(elapsed, std::chrono::milliseconds(400));
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
}

TEST(Server, RequestsAnsweredWithoutBlockingDoNotQueueBehindTheWorkers) {
  ServerOptions options;
  options.worker_threads = 1;
  options.answers_without_blocking = [](const Request& r) { return r.path == "/quick"; };
  Fixture f(options);
  std::thread slow([&] { httplib::Client("127.0.0.1", f.server->port()).Get("/slow"); });
  while (!f.started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // The only worker sleeps in /slow; /quick is answered on the io thread meanwhile.
  auto quick = httplib::Client("127.0.0.1", f.server->port()).Get("/quick");
  const bool slow_was_running = !f.finished;
  slow.join();
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->body, "quick");
  EXPECT_TRUE(slow_was_running);
}

// The Backbone's answers wait for their flush this way (deferred_durability.h): not on a worker.
TEST(Server, AHeldAnswerIsSentOnlyOnceItIsReadyAndHoldsNoWorker) {
  ServerOptions options;
  options.worker_threads = 1;
  Fixture f(options);
  std::atomic<int> status{0};
  std::string body;
  std::thread held([&] {
    auto res = httplib::Client("127.0.0.1", f.server->port()).Get("/held");
    if (res) {
      body = res->body;
      status = res->status;
    }
  });
  for (int i = 0; i < 5000 && f.HeldAnswers() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_EQ(f.HeldAnswers(), 1u);
  {
    // The wait is registered by the worker right after the handler, not by the io thread after the
    // response came back to it: that hand-off would cost a wake-up per durable write.
    std::lock_guard lock(f.gate_mutex);
    EXPECT_EQ(f.waits_registered_by_handler_thread, std::vector<bool>{true});
  }
  // The only worker is free for the next request while the first answer waits.
  auto other = httplib::Client("127.0.0.1", f.server->port()).Post("/echo", "x", "text/plain");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(status.load(), 0);
  EXPECT_EQ(f.server->InFlight(), 1u);
  f.Open(0, "");
  held.join();
  EXPECT_EQ(status.load(), 200);
  EXPECT_EQ(body, "held");
  // The session counts the request until its write completed, a moment after the client read it.
  for (int i = 0; i < 1000 && f.server->InFlight() != 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(f.server->InFlight(), 0u);
}

TEST(Server, AHeldAnswerThatFailsBecomesA500InTheApplicationsEnvelope) {
  Fixture f;
  std::thread opener([&] {
    for (int i = 0; i < 5000 && f.HeldAnswers() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (f.HeldAnswers() == 1) f.Open(0, "EIO");
  });
  auto res = f.client->Get("/held");
  opener.join();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(res->body, R"({"error":{"message":"The answer could not be made durable: EIO"}})");
}

// An answer never made ready must not keep Stop() from returning, nor be resumed by a late callback
// once the server is gone (ASan would see either).
TEST(Server, StopDropsAnAnswerThatNeverBecomesReady) {
  ServerOptions options;
  options.shutdown_grace = std::chrono::milliseconds(100);
  auto f = std::make_unique<Fixture>(options);
  std::atomic<bool> answered{false};
  std::thread client([&] {
    httplib::Client c("127.0.0.1", f->server->port());
    c.set_read_timeout(5, 0);
    auto res = c.Get("/held");
    answered = res && res->status == 200;
  });
  for (int i = 0; i < 5000 && f->HeldAnswers() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_EQ(f->HeldAnswers(), 1u);
  EXPECT_FALSE(f->server->Stop());  // still in flight at the deadline
  f->Open(0, "");                   // too late: nothing is sent, nothing resumed
  auto late = f->gates;
  f.reset();  // closes the connection
  client.join();
  EXPECT_FALSE(answered.load());
  late.at(0)("");  // after the server is destroyed
}

TEST(Server, StopFinishesInFlightRequests) {
  Fixture f;
  std::string body;
  std::thread t([&] {
    httplib::Client c("127.0.0.1", f.server->port());
    auto res = c.Get("/slow");
    if (res) body = res->body;
  });
  while (!f.started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_TRUE(f.server->Stop());
  t.join();
  EXPECT_EQ(body, "done");
  EXPECT_EQ(f.server->InFlight(), 0u);
}

}  // namespace
}  // namespace nmshd::http
