#include "connector/webhooks/webhooks_module.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/base64.h"
#include "base/coded_error.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"
#include "unit/config/test_support.h"

namespace nmshd::connector {
namespace {

using namespace std::chrono_literals;

struct Received {
  std::string path;
  std::string body;
  httplib::Headers headers;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);  // httplib compares names case-insensitively
    return it == headers.end() ? "<none>" : it->second;
  }
  bool Has(const std::string& name) const { return headers.find(name) != headers.end(); }
};

// A local HTTP server recording every POST. Paths: /slow waits 1.5 s, /slower 2.5 s; /status/<n> answers n;
// /redirect answers 302 to /redirected; /token is an OAuth2 token endpoint.
class Receiver {
 public:
  Receiver() {
    server_.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }

  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  std::vector<Received> Requests(const std::string& pathPrefix = "") const {
    std::lock_guard lock(mutex_);
    std::vector<Received> out;
    for (const auto& r : requests_) {
      if (r.path.rfind(pathPrefix, 0) == 0) out.push_back(r);
    }
    return out;
  }
  std::atomic<int> tokenExpiresIn{3600};
  std::atomic<int> tokenStatus{200};

 private:
  void Handle(const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(Received{req.path, req.body, req.headers});
    }
    if (req.path == "/slow") std::this_thread::sleep_for(1500ms);
    if (req.path == "/slower") std::this_thread::sleep_for(2500ms);
    if (req.path.rfind("/status/", 0) == 0) {
      res.status = std::stoi(req.path.substr(8));
      res.set_content("{}", "application/json");
      return;
    }
    if (req.path == "/redirect") {
      res.status = 302;
      res.set_header("Location", Url("/redirected"));
      return;
    }
    if (req.path == "/token") {
      res.status = tokenStatus.load();
      int n = ++tokensIssued_;
      res.set_content(R"({"access_token":"tok-)" + std::to_string(n) + R"(","token_type":"Bearer","expires_in":)" +
                          std::to_string(tokenExpiresIn.load()) + "}",
                      "application/json");
      return;
    }
    res.status = 200;
    res.set_content("ok", "text/plain");
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<Received> requests_;
  std::atomic<int> tokensIssued_{0};
};

// A loopback port bound but not listening: connections to it are refused at once.
class RefusingPort {
 public:
  RefusingPort() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      throw std::runtime_error("cannot bind a loopback port");
    }
    port_ = ntohs(addr.sin_port);
  }
  ~RefusingPort() { ::close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

boost::json::object Config(const std::string& text) { return boost::json::parse(text).as_object(); }

// Waits until the module has finished `n` deliveries (delivered or failed).
bool WaitForOutcomes(const WebhooksModule& module, std::uint64_t n, std::chrono::milliseconds timeout = 10s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto s = module.Stats();
    if (s.delivered + s.failed >= n) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

Event DataEvent(const std::string& ns, const char* json) { return Event{ns, boost::json::parse(json), ""}; }

TEST(WebhooksModule, PostsTheOfficialPayloadToTheFilledUrl) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"targets":{"t":{"url":")" + receiver.Url("/hook/{{trigger}}") +
             R"(","headers":{"X-Foo":"bar"}}},"webhooks":[{"triggers":["transport.*"],"target":"t"}]})"),
      bus);
  module.Start();
  bus.Publish(DataEvent("transport.messageReceived", R"({"id":"MSGa","content":{"x":1}})"));
  bus.Publish(Event{"transport.datawalletSynchronized", std::nullopt, ""});
  bus.Publish(Event{"consumption.attributeCreated", boost::json::parse("{}"), ""});  // no matching trigger
  ASSERT_TRUE(WaitForOutcomes(module, 2));
  module.Stop();

  auto requests = receiver.Requests();
  ASSERT_EQ(requests.size(), 2u);
  std::sort(requests.begin(), requests.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  EXPECT_EQ(requests[0].path, "/hook/transport.datawalletSynchronized");
  EXPECT_EQ(requests[0].body, R"({"trigger":"transport.datawalletSynchronized"})");
  EXPECT_EQ(requests[1].path, "/hook/transport.messageReceived");
  EXPECT_EQ(requests[1].body, R"({"data":{"id":"MSGa","content":{"x":1}},"trigger":"transport.messageReceived"})");
  for (const auto& r : requests) {
    EXPECT_EQ(r.Header("Content-Type"), "application/json");
    EXPECT_EQ(r.Header("X-Foo"), "bar");
    EXPECT_FALSE(r.Has("x-correlation-id"));
    EXPECT_FALSE(r.Has("Expect"));
    EXPECT_FALSE(r.Has("x-api-key"));
    EXPECT_FALSE(r.Has("Authorization"));
  }
  EXPECT_EQ(module.Stats().delivered, 2u);
  EXPECT_EQ(module.Stats().failed, 0u);
}

TEST(WebhooksModule, ForwardsThePublishersCorrelationId) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[{"triggers":["**"],"target":{"url":")" + receiver.Url("/c") + R"("}}]})"), bus);
  module.Start();
  {
    logging::CorrelationScope scope("corr-42");
    bus.Publish(DataEvent("transport.messageSent", "{}"));
  }
  ASSERT_TRUE(WaitForOutcomes(module, 1));
  module.Stop();
  auto requests = receiver.Requests("/c");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].Header("x-correlation-id"), "corr-42");
}

TEST(WebhooksModule, ApiKeyHeaders) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[
        {"triggers":["a.b"],"target":{"url":")" + receiver.Url("/default") + R"(","authentication":{"type":"ApiKey","apiKey":"secret-1"}}},
        {"triggers":["a.b"],"target":{"url":")" + receiver.Url("/custom") + R"(","authentication":{"type":"ApiKey","apiKey":"secret-2","headerName":"X-Hook-Key"}}}]})"),
      bus);
  module.Start();
  bus.Publish(Event{"a.b", std::nullopt, ""});
  ASSERT_TRUE(WaitForOutcomes(module, 2));
  module.Stop();
  auto byDefault = receiver.Requests("/default");
  auto custom = receiver.Requests("/custom");
  ASSERT_EQ(byDefault.size(), 1u);
  ASSERT_EQ(custom.size(), 1u);
  EXPECT_EQ(byDefault[0].Header("x-api-key"), "secret-1");
  EXPECT_EQ(custom[0].Header("X-Hook-Key"), "secret-2");
  EXPECT_FALSE(custom[0].Has("x-api-key"));
}

TEST(WebhooksModule, OAuth2TokenIsFetchedOnceAndReused) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"targets":{"t":{"url":")" + receiver.Url("/oauth") +
             R"(","authentication":{"type":"OAuth2","accessTokenUrl":")" + receiver.Url("/token") +
             R"(","clientId":"client id","clientSecret":"s3cr:et","scope":"hooks write"}}},
        "webhooks":[{"triggers":["x.*"],"target":"t"},{"triggers":["y.*"],"target":"t"}]})"),
      bus);
  module.Start();
  for (int i = 0; i < 3; ++i) bus.Publish(Event{"x.e" + std::to_string(i), std::nullopt, ""});
  bus.Publish(Event{"y.e", std::nullopt, ""});
  ASSERT_TRUE(WaitForOutcomes(module, 4));
  module.Stop();

  auto tokens = receiver.Requests("/token");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(module.TokenFetches(), 1u);
  EXPECT_EQ(tokens[0].body, "grant_type=client_credentials&scope=hooks+write");
  EXPECT_EQ(tokens[0].Header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(tokens[0].Header("Authorization"), "Basic " + base64::EncodeStandard(std::span(
                                                              reinterpret_cast<const std::uint8_t*>("client id:s3cr:et"), 17)));
  auto calls = receiver.Requests("/oauth");
  ASSERT_EQ(calls.size(), 4u);
  for (const auto& c : calls) EXPECT_EQ(c.Header("Authorization"), "Bearer tok-1");
  EXPECT_EQ(module.Stats().delivered, 4u);
}

TEST(WebhooksModule, OAuth2TokenLivingTenSecondsOrLessIsFetchedEveryTime) {
  Receiver receiver;
  receiver.tokenExpiresIn = 10;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[{"triggers":["x.*"],"target":{"url":")" + receiver.Url("/oauth") +
             R"(","authentication":{"type":"OAuth2","accessTokenUrl":")" + receiver.Url("/token") +
             R"(","clientId":"c","clientSecret":"s"}}}]})"),
      bus, WebhooksOptions{1, 100, 10s, 5s});
  module.Start();
  bus.Publish(Event{"x.1", std::nullopt, ""});
  ASSERT_TRUE(WaitForOutcomes(module, 1));
  bus.Publish(Event{"x.2", std::nullopt, ""});
  ASSERT_TRUE(WaitForOutcomes(module, 2));
  module.Stop();
  auto tokens = receiver.Requests("/token");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].body, "grant_type=client_credentials");  // no scope configured
  auto calls = receiver.Requests("/oauth");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].Header("Authorization"), "Bearer tok-1");
  EXPECT_EQ(calls[1].Header("Authorization"), "Bearer tok-2");
}

TEST(WebhooksModule, FailingTokenEndpointFailsTheDelivery) {
  Receiver receiver;
  receiver.tokenStatus = 401;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[{"triggers":["x.*"],"target":{"url":")" + receiver.Url("/oauth") +
             R"(","authentication":{"type":"OAuth2","accessTokenUrl":")" + receiver.Url("/token") +
             R"(","clientId":"c","clientSecret":"s"}}}]})"),
      bus);
  module.Start();
  bus.Publish(Event{"x.1", std::nullopt, ""});
  ASSERT_TRUE(WaitForOutcomes(module, 1));
  module.Stop();
  EXPECT_EQ(module.Stats().failed, 1u);
  EXPECT_TRUE(receiver.Requests("/oauth").empty());
}

TEST(WebhooksModule, Non2xxRedirectsAndNetworkErrorsAreCountedNotRetried) {
  Receiver receiver;
  RefusingPort refusing;
  const int closedPort = refusing.port();
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[
        {"triggers":["e.*"],"target":{"url":")" + receiver.Url("/status/500") + R"("}},
        {"triggers":["e.*"],"target":{"url":")" + receiver.Url("/status/404") + R"("}},
        {"triggers":["e.*"],"target":{"url":")" + receiver.Url("/redirect") + R"("}},
        {"triggers":["e.*"],"target":{"url":"http://127.0.0.1:)" + std::to_string(closedPort) + R"(/x"}},
        {"triggers":["e.*"],"target":{"url":")" + receiver.Url("/ok") + R"("}}]})"),
      bus);
  module.Start();
  bus.Publish(Event{"e.one", std::nullopt, ""});
  ASSERT_TRUE(WaitForOutcomes(module, 5));
  bus.Publish(Event{"e.two", std::nullopt, ""});
  ASSERT_TRUE(WaitForOutcomes(module, 10));
  module.Stop();
  auto stats = module.Stats();
  EXPECT_EQ(stats.delivered, 2u);
  EXPECT_EQ(stats.failed, 8u);
  EXPECT_EQ(receiver.Requests("/status/500").size(), 2u);  // once per event: no retries
  EXPECT_EQ(receiver.Requests("/redirect").size(), 2u);
  EXPECT_TRUE(receiver.Requests("/redirected").empty());  // redirects are not followed
  EXPECT_EQ(receiver.Requests("/ok").size(), 2u);
}

TEST(WebhooksModule, ASlowTargetDoesNotHoldUpOthers) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[
        {"triggers":["s.*"],"target":{"url":")" + receiver.Url("/slow") + R"("}},
        {"triggers":["s.*"],"target":{"url":")" + receiver.Url("/fast") + R"("}}]})"),
      bus);
  module.Start();
  auto start = std::chrono::steady_clock::now();
  bus.Publish(Event{"s.1", std::nullopt, ""});
  bus.Publish(Event{"s.2", std::nullopt, ""});
  auto deadline = start + 5s;
  while (receiver.Requests("/fast").size() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(receiver.Requests("/fast").size(), 2u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1200ms);  // did not wait for /slow (1.5 s)
  ASSERT_TRUE(WaitForOutcomes(module, 4));
  module.Stop();
  EXPECT_EQ(module.Stats().delivered, 4u);
}

TEST(WebhooksModule, OverlappingTriggersDeliverOncePerTrigger) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[{"triggers":["**","transport.*","consumption.*"],"target":{"url":")" +
             receiver.Url("/o") + R"("}}]})"),
      bus);
  module.Start();
  bus.Publish(Event{"transport.messageSent", std::nullopt, ""});
  ASSERT_TRUE(WaitForOutcomes(module, 2));
  module.Stop();
  EXPECT_EQ(receiver.Requests("/o").size(), 2u);
}

TEST(WebhooksModule, StopLetsQueuedDeliveriesFinish) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[{"triggers":["q.*"],"target":{"url":")" + receiver.Url("/q") + R"("}}]})"), bus,
      WebhooksOptions{1, 100, 10s, 10s});
  module.Start();
  for (int i = 0; i < 20; ++i) bus.Publish(Event{"q." + std::to_string(i), std::nullopt, ""});
  ASSERT_TRUE(bus.Stop(5s));  // every event is now queued in the module (one worker: most still wait)
  module.Stop();
  EXPECT_EQ(module.Stats().delivered, 20u);
  EXPECT_EQ(module.Stats().dropped, 0u);
  EXPECT_EQ(receiver.Requests("/q").size(), 20u);
}

TEST(WebhooksModule, StopDropsWhatIsLeftAtItsDeadlineAndAbortsRunningCalls) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[{"triggers":["q.*"],"target":{"url":")" + receiver.Url("/slower") + R"("}}]})"), bus,
      WebhooksOptions{1, 100, 10s, 100ms});
  module.Start();
  for (int i = 0; i < 3; ++i) bus.Publish(Event{"q." + std::to_string(i), std::nullopt, ""});
  ASSERT_TRUE(bus.Stop(5s));
  auto start = std::chrono::steady_clock::now();
  module.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);  // the 2.5 s call was aborted
  auto stats = module.Stats();
  EXPECT_EQ(stats.delivered, 0u);
  EXPECT_EQ(stats.failed, 1u);
  EXPECT_EQ(stats.dropped, 2u);
}

TEST(WebhooksModule, NothingIsSentAfterStop) {
  Receiver receiver;
  EventBus bus;
  auto module = WebhooksModule::FromConfig(
      Config(R"({"webhooks":[{"triggers":["**"],"target":{"url":")" + receiver.Url("/after") + R"("}}]})"), bus);
  module.Start();
  module.Stop();
  bus.Publish(Event{"q.after", std::nullopt, ""});
  ASSERT_TRUE(bus.Stop(5s));
  EXPECT_TRUE(receiver.Requests("/after").empty());
  EXPECT_EQ(module.Stats().delivered + module.Stats().failed + module.Stats().dropped, 0u);
}

TEST(WebhooksModule, BadConfigurationThrowsOfficialCodes) {
  EventBus bus;
  try {
    (void)WebhooksModule::FromConfig(Config(R"({"webhooks":[{"triggers":["a"],"target":"missing"}]})"), bus);
    FAIL() << "expected CodedError";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.runtime.modules.webhooks.invalidTargetReference");
  }
}

TEST(WebhooksModule, LogsWarnForNon2xxAndErrorForNetworkFailures) {
  config::testing::TempDir dir;
  auto file = dir.path() / "webhooks.log";
  auto section = R"({"appenders":{"f":{"type":"file","filename":")" + file.string() +
                 R"(","layout":{"type":"pattern","pattern":"%p %c %m"}}},"categories":{"default":{"appenders":["f"],"level":"info"}}})";
  auto system = logging::LogSystem::FromConfig(boost::json::parse(section));
  logging::InstallLogSystem(system);
  RefusingPort refusing;
  const int closedPort = refusing.port();
  {
    Receiver receiver;
    EventBus bus;
    auto module = WebhooksModule::FromConfig(
        Config(R"({"webhooks":[
          {"triggers":["e"],"target":{"url":")" + receiver.Url("/status/503") + R"("}},
          {"triggers":["e"],"target":{"url":"http://127.0.0.1:)" + std::to_string(closedPort) + R"(/x"}}]})"),
        bus);
    module.Start();
    bus.Publish(Event{"e", std::nullopt, ""});
    ASSERT_TRUE(WaitForOutcomes(module, 2));
    module.Stop();
  }
  system->Flush();
  logging::InstallLogSystem(std::make_shared<logging::LogSystem>(logging::LoggingSettings::Default()));

  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  bool warn = false, error = false;
  for (const auto& line : lines) {
    if (line.rfind("WARN connector.webhooks", 0) == 0 && line.find("returned status 503") != std::string::npos) warn = true;
    if (line.rfind("ERROR connector.webhooks", 0) == 0 && line.find(std::to_string(closedPort)) != std::string::npos) {
      error = true;
    }
  }
  EXPECT_TRUE(warn);
  EXPECT_TRUE(error);
}

}  // namespace
}  // namespace nmshd::connector
