// BackboneClient::StreamEvents against a scripted server: the token, pieces delivered as they
// arrive, the 401 retry, errors, the idle timeout and Abort from another thread.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fake_backbone.h"
#include "token_endpoint.h"
#include "transport/backbone/backbone_client.h"
#include "transport/backbone/sse_event_parser.h"
#include "transport/backbone/streaming_transfer.h"

namespace nmshd::transport {
namespace {

using namespace std::chrono_literals;
using testing::FakeBackbone;
using testing::SetJson;
using testing::TokenEndpoint;

// A flag the server's stream provider and the test share.
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool open = false;
  void Open() {
    {
      std::lock_guard lock(mutex);
      open = true;
    }
    changed.notify_all();
  }
  bool WaitOpen(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return open; });
  }
};

// Collects the events the client parses, thread-safe.
struct Events {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> types;
  SseEventParser parser{[this](const SseEvent& e) {
    {
      std::lock_guard lock(mutex);
      types.push_back(e.type);
    }
    changed.notify_all();
  }};
  StreamCallbacks Callbacks(std::atomic<int>* opened = nullptr) {
    StreamCallbacks callbacks;
    callbacks.on_open = [opened](int status, const HeaderList&) {
      EXPECT_EQ(status, 200);
      if (opened != nullptr) ++*opened;
    };
    callbacks.on_data = [this](std::string_view bytes) { parser.Feed(bytes); };
    return callbacks;
  }
  bool WaitFor(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return types.size() >= n; });
  }
  std::vector<std::string> Types() {
    std::lock_guard lock(mutex);
    return types;
  }
};

TEST(BackboneClientStream, SendsTheDeviceTokenAndDeliversEventsAsTheyArrive) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  auto gate = std::make_shared<Gate>();
  fake.On("GET", "/api/v1/sse", [gate](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/event-stream", [gate](std::size_t, httplib::DataSink& sink) {
      const std::string first = "event: ConnectionOpened\ndata: _\n\n";
      sink.write(first.data(), first.size());
      gate->WaitOpen(10s);  // the second event only once the test saw the first
      const std::string second = ": keep-alive\n\nevent: ExternalEventCreated\r\ndata: _\r\n\r\n";
      sink.write(second.data(), second.size());
      sink.done();
      return true;
    });
  });
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});

  Events events;
  std::atomic<int> opened{0};
  TransferAbort abort;
  bool ended = false;
  std::thread reader([&] { ended = client.StreamEvents("/api/v1/sse", {}, events.Callbacks(&opened), abort); });
  ASSERT_TRUE(events.WaitFor(1, 5s));
  EXPECT_EQ(events.Types(), std::vector<std::string>{"ConnectionOpened"});
  EXPECT_EQ(opened.load(), 1);
  gate->Open();
  ASSERT_TRUE(events.WaitFor(2, 5s));
  reader.join();
  EXPECT_TRUE(ended);  // the server ended the answer
  EXPECT_EQ(events.Types(), (std::vector<std::string>{"ConnectionOpened", "ExternalEventCreated"}));

  const auto requests = fake.RequestsTo("/api/v1/sse");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].Header("Authorization"), "Bearer tok-1");
  EXPECT_EQ(requests[0].Header("Accept"), "text/event-stream");
}

TEST(BackboneClientStream, ARejectedTokenIsReplacedOnce) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  fake.On("GET", "/api/v1/sse", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") == "Bearer tok-1") {
      res.status = 401;
      return;
    }
    res.set_content("event: ConnectionOpened\ndata: _\n\n", "text/event-stream");
  });
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});
  EXPECT_EQ(client.AccessToken(), "tok-1");
  Events events;
  TransferAbort abort;
  EXPECT_TRUE(client.StreamEvents("/api/v1/sse", {}, events.Callbacks(), abort));
  EXPECT_EQ(events.Types(), std::vector<std::string>{"ConnectionOpened"});
  EXPECT_EQ(tokens.count(), 2);
  const auto requests = fake.RequestsTo("/api/v1/sse");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].Header("Authorization"), "Bearer tok-2");
}

TEST(BackboneClientStream, ErrorAnswersAndUnreachableServersThrowTheOfficialCodes) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  fake.On("GET", "/api/v1/sse", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 400, R"({"error":{"code":"error.platform.sseClientNotRegistered","message":"no"}})");
  });
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});
  Events events;
  TransferAbort abort;
  try {
    client.StreamEvents("/api/v1/sse", {}, events.Callbacks(), abort);
    ADD_FAILURE() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.platform.sseClientNotRegistered");
  }
  EXPECT_TRUE(events.Types().empty());

  EventStreamOptions nowhere;
  nowhere.base_url = "http://127.0.0.1:" + std::to_string(testing::UnusedPort());
  try {
    client.StreamEvents("/api/v1/sse", nowhere, events.Callbacks(), abort);
    ADD_FAILURE() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.transport.request.unknown");
    EXPECT_EQ(e.status(), 0);
  }
}

// Keeps the answer open, sending nothing after the first event, until `stop`.
void InstallSilentStream(FakeBackbone& fake, std::shared_ptr<std::atomic<bool>> stop) {
  fake.On("GET", "/api/v1/sse", [stop](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/event-stream", [stop](std::size_t offset, httplib::DataSink& sink) {
      if (offset == 0) {
        const std::string first = "event: ConnectionOpened\ndata: _\n\n";
        sink.write(first.data(), first.size());
      }
      while (!stop->load()) std::this_thread::sleep_for(10ms);
      sink.done();
      return true;
    });
  });
}

TEST(BackboneClientStream, AbortFromAnotherThreadEndsAnOpenStreamAtOnce) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  auto stop = std::make_shared<std::atomic<bool>>(false);
  InstallSilentStream(fake, stop);
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});
  Events events;
  TransferAbort abort;
  std::atomic<bool> returned{false};
  bool ended = true;
  std::thread reader([&] {
    ended = client.StreamEvents("/api/v1/sse", {}, events.Callbacks(), abort);
    returned = true;
  });
  ASSERT_TRUE(events.WaitFor(1, 5s));
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(returned.load());
  const auto aborted_at = std::chrono::steady_clock::now();
  abort.Abort();
  while (!returned.load() && std::chrono::steady_clock::now() - aborted_at < 5s) std::this_thread::sleep_for(1ms);
  // Well below libcurl's one-second progress tick: the poll was woken.
  EXPECT_LT(std::chrono::steady_clock::now() - aborted_at, 500ms);
  reader.join();
  EXPECT_FALSE(ended);
  // A stream started after Abort (until Reset) does not even connect.
  EXPECT_FALSE(client.StreamEvents("/api/v1/sse", {}, events.Callbacks(), abort));
  EXPECT_EQ(fake.RequestsTo("/api/v1/sse").size(), 1u);
  stop->store(true);
}

TEST(BackboneClientStream, ASilentStreamIsGivenUpAfterTheIdleTimeout) {
  FakeBackbone fake;
  TokenEndpoint tokens;
  tokens.Install(fake);
  auto stop = std::make_shared<std::atomic<bool>>(false);
  InstallSilentStream(fake, stop);
  fake.Start();
  BackboneClient client(fake.Options());
  client.SetDeviceCredentials({"USR1", "pw"});
  Events events;
  TransferAbort abort;
  EventStreamOptions options;
  options.idle_timeout = 300ms;
  const auto started = std::chrono::steady_clock::now();
  try {
    client.StreamEvents("/api/v1/sse", options, events.Callbacks(), abort);
    ADD_FAILURE() << "no error";
  } catch (const BackboneError& e) {
    EXPECT_EQ(e.code(), "error.transport.request.aborted");
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_GE(elapsed, 300ms);
  EXPECT_LT(elapsed, 3s);
  EXPECT_EQ(events.Types(), std::vector<std::string>{"ConnectionOpened"});
  stop->store(true);
}

}  // namespace
}  // namespace nmshd::transport
