#include "http/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <boost/json.hpp>

#include <atomic>
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
  Router router;
  std::atomic<bool> started{false};
  std::atomic<bool> finished{false};
  std::unique_ptr<Server> server;
  std::unique_ptr<httplib::Client> client;
};

TEST(Server, ParsesQueryHeadersAndBody) {
  Fixture f;
  httplib::Headers headers{{"X-Test", "yes"}};
  auto res = f.client->Post("/echo?ids=a&ids=b%20c&name=x+y", headers, "{\"k\":1}",
                            "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res->body,
            R"({"method":"POST","body":"{\"k\":1}","ids":["a","b c"],"name":"x y","header":"yes"})");
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
