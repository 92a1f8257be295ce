// No answer, too large an answer, and many threads at once.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "fake_backbone.h"
#include "json_compare.h"
#include "token_endpoint.h"
#include "transport/backbone/backbone_client.h"

namespace nmshd::transport {
namespace {

using testing::FakeBackbone;
using testing::SetJson;
using testing::TokenEndpoint;

TEST(BackboneClientFailures, TimeoutIsAbortedWithoutStatus) {
  FakeBackbone fake;
  fake.On("GET", "/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    SetJson(res, 200, R"({"result":1})");
  });
  fake.Start();
  auto options = fake.Options();
  options.timeout = std::chrono::milliseconds(200);
  BackboneClient client(options);

  const auto started = std::chrono::steady_clock::now();
  try {
    client.Get("/slow", {}, Auth::kAnonymous);
    FAIL() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.transport.request.aborted");
    EXPECT_EQ(e.status(), 0);
    EXPECT_EQ(e.reason(), "timeout of 200ms exceeded");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1200));
}

TEST(BackboneClientFailures, UnreachablePortHasNoStatus) {
  BackboneClientOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(testing::UnusedPort());
  BackboneClient client(options);
  try {
    client.Post("/api/v2/Challenges", boost::json::object{}, Auth::kAnonymous);
    FAIL() << "no error";
  } catch (const BackboneError& e) {
    // What @nmshd/transport 7.0.0 reports for ECONNREFUSED under Node.
    EXPECT_EQ(e.code(), "error.transport.request.unknown");
    EXPECT_EQ(e.status(), 0);
    EXPECT_EQ(e.method(), "POST");
  }
  EXPECT_EQ(client.Probe("/health"), 0);
}

TEST(BackboneClientFailures, UnknownHostIsAddressNotFound) {
  BackboneClientOptions options;
  options.base_url = "http://nmshd-test-host.invalid";  // .invalid never resolves (RFC 2606)
  options.timeout = std::chrono::milliseconds(5000);
  BackboneClient client(options);
  try {
    client.Get("/api/v2/Version", {}, Auth::kAnonymous);
    FAIL() << "no error";
  } catch (const BackboneError& e) {
    // A resolver that cannot answer at all (no network) times out instead.
    EXPECT_TRUE(e.code() == "error.transport.request.addressNotFound" || e.code() == "error.transport.request.aborted")
        << e.code();
    EXPECT_EQ(e.status(), 0);
  }
}

TEST(BackboneClientFailures, OversizedAnswersAreCut) {
  FakeBackbone fake;
  fake.On("GET", "/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(5000, 'x'), "application/octet-stream");
  });
  fake.On("GET", "/chunked", [](const httplib::Request&, httplib::Response& res) {
    // No Content-Length: only counting the received bytes can stop it.
    res.set_chunked_content_provider("application/octet-stream", [](size_t offset, httplib::DataSink& sink) {
      if (offset >= 100000) {
        sink.done();
        return true;
      }
      const std::string chunk(1000, 'y');
      return sink.write(chunk.data(), chunk.size());
    });
  });
  fake.On("GET", "/small", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(1000, 'z'), "application/octet-stream");
  });
  fake.Start();
  auto options = fake.Options();
  options.max_response_bytes = 1000;
  BackboneClient client(options);

  for (const std::string path : {"/big", "/chunked"}) {
    try {
      client.DownloadBytes(path, Auth::kAnonymous);
      FAIL() << "no error for " << path;
    } catch (const BackboneError& e) {
      EXPECT_EQ(e.code(), "error.transport.request.bodyLengthExceeded") << path;
      EXPECT_EQ(e.status(), 413);
    }
  }
  EXPECT_EQ(client.DownloadBytes("/small", Auth::kAnonymous).size(), 1000u);
}

TEST(BackboneClientFailures, EightThreadsShareOneTokenAndGetTheirOwnAnswers) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  fake.On("GET", "/api/v2/Messages", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") != "Bearer tok-1") {
      res.status = 401;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    SetJson(res, 200, boost::json::serialize(boost::json::object{{"result", {{"echo", req.get_param_value("n")}}}}));
  });
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});

  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 25;
  std::atomic<int> correct{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        const std::string n = std::to_string(t) + "-" + std::to_string(i);
        try {
          if (client.Get("/api/v2/Messages", {{"n", n}}).at("echo") == n) ++correct;
        } catch (const std::exception&) {
          ++failed;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(correct.load(), kThreads * kCallsPerThread);
  EXPECT_EQ(tokens.count(), 1);
  // Keep-alive: far fewer connections than calls (at most one per thread plus the token call).
  std::set<int> ports;
  for (const auto& r : fake.Requests()) ports.insert(r.remote_port);
  EXPECT_LE(ports.size(), static_cast<size_t>(kThreads + 1));
}

}  // namespace
}  // namespace nmshd::transport
