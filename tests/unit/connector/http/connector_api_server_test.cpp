// The pipeline behind a real http::Server, called over TCP with cpp-httplib.
#include <gtest/gtest.h>
#include <httplib.h>

#include <boost/asio.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "connector/http/connector_api.h"
#include "connector/http/envelopes.h"
#include "test_support.h"

namespace nmshd::connector {
namespace {

using testing::kKey;

constexpr auto kTestDelay = std::chrono::milliseconds(300);

struct LiveApi {
  explicit LiveApi(std::size_t worker_threads) {
    ConnectorApiOptions options;
    options.authentication =
        boost::json::parse(R"({"apiKey":{"headerName":"X-API-KEY","keys":{"k":{"key":")" + kKey + R"("}}}})")
            .as_object();
    options.unauthorized_delay = kTestDelay;
    api = std::make_unique<ConnectorApi>(options);
    api->Add("POST", CoreRoute("/Tokens/Own"), {"core:tokens"},
             [](ApiCall& call) { return Created(call.Body()); });
    api->SetHealthCheck([] { return HealthReport{true, true, true}; });
    http::ServerOptions server_options;
    server_options.worker_threads = worker_threads;
    // Room for multipart uploads; the 2 MB JSON limit is the pipeline's own.
    server_options.max_body_bytes = 4 * 1024 * 1024;
    server = std::make_unique<http::Server>(
        server_options, [this](http::Request& r) { return api->Handle(r); }, api->Renderer());
    server->Start();
  }

  httplib::Client Client() const { return httplib::Client("127.0.0.1", server->port()); }

  std::unique_ptr<ConnectorApi> api;
  std::unique_ptr<http::Server> server;
};

TEST(ConnectorApiOverHttp, AuthenticatedRoundTrip) {
  LiveApi live(2);
  auto client = live.Client();
  auto res = client.Post(CoreRoute("/Tokens/Own"), httplib::Headers{{"X-API-KEY", kKey}},
                         R"({"content":{"a":1}})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->body, R"({"result":{"content":{"a":1}}})");
  EXPECT_EQ(res->get_header_value("Location"), "_");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(res->get_header_value("X-Response-Time").empty());
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));

  auto health = client.Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST(ConnectorApiOverHttp, BadKeysWaitWithoutHoldingTheOnlyWorker) {
  LiveApi live(1);
  constexpr int kRequests = 8;
  std::atomic<int> unauthorized{0};
  std::vector<std::thread> clients;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kRequests; ++i) {
    clients.emplace_back([&, i] {
      auto client = live.Client();
      auto res = client.Post(CoreRoute("/Tokens/Own"), httplib::Headers{{"X-API-KEY", "wrong-" + std::to_string(i)}},
                             "{}", "application/json");
      if (res && res->status == 401 && res->body.find("error.connector.unauthorized") != std::string::npos) {
        ++unauthorized;
      }
    });
  }
  for (auto& c : clients) c.join();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(unauthorized.load(), kRequests);
  EXPECT_GE(elapsed, kTestDelay);
  // one worker sleeping through each delay would need 8 x 300 ms
  EXPECT_LT(elapsed, kTestDelay * 4);

  // and meanwhile the worker is free for good requests
  auto client = live.Client();
  auto res = client.Post(CoreRoute("/Tokens/Own"), httplib::Headers{{"X-API-KEY", kKey}}, "{}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
}

TEST(ConnectorApiOverHttp, OversizeBodies) {
  LiveApi live(2);
  auto client = live.Client();
  // over the JSON limit, within the server's: the pipeline's 413, before authentication
  auto res = client.Post(CoreRoute("/Tokens/Own"), std::string(kJsonBodyLimit + 1, ' '), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_NE(res->body.find(R"("code":"error.connector.http.payloadTooLarge")"), std::string::npos) << res->body;
  // over the server's limit: the server's 413 (decided from Content-Length before the body is
  // read), rendered in the same envelope
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), live.server->port()});
  const std::string head = "POST /api/core/v1/Tokens/Own HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                           "Content-Length: 5242880\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(head));
  std::string answer;
  boost::system::error_code ec;
  char buffer[4096];
  for (;;) {
    auto n = socket.read_some(boost::asio::buffer(buffer), ec);
    answer.append(buffer, n);
    if (ec) break;
  }
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_NE(answer.find(R"("code":"error.connector.http.payloadTooLarge")"), std::string::npos) << answer;
  EXPECT_NE(answer.find("X-Frame-Options: SAMEORIGIN"), std::string::npos) << answer;
}

}  // namespace
}  // namespace nmshd::connector
