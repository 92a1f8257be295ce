// Our Backbone's SSE endpoint over a real socket, read with BackboneClient::StreamEvents: a client
// on the stream hears of a message another identity sends it as soon as it was sent.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "transport/backbone/sse_event_parser.h"
#include "transport/backbone/streaming_transfer.h"
#include "transport/modules/files_messages_test_support.h"

namespace nmshd::transport::testing {
namespace {

using namespace std::chrono_literals;
namespace js = boost::json;

class StreamReader {
 public:
  StreamReader(BackboneClient& client, std::string path) {
    thread_ = std::thread([this, &client, path] {
      StreamCallbacks callbacks;
      callbacks.on_data = [this](std::string_view bytes) { parser_.Feed(bytes); };
      try {
        client.StreamEvents(path, {}, callbacks, abort_);
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        error_ = e.what();
      }
    });
  }
  ~StreamReader() {
    abort_.Abort();
    thread_.join();
  }
  bool WaitFor(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return types_.size() >= n; });
  }
  std::vector<std::string> Types() {
    std::lock_guard lock(mutex_);
    return types_;
  }
  std::string error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> types_;
  std::string error_;
  SseEventParser parser_{[this](const SseEvent& e) {
    {
      std::lock_guard lock(mutex_);
      types_.push_back(e.type);
    }
    changed_.notify_all();
  }};
  TransferAbort abort_;
  std::thread thread_;
};

TEST(BackboneSse, AClientOnTheStreamHearsOfAMessageAnotherIdentitySendsIt) {
  TestBackbone backbone;
  FileMessageNode a(backbone, "a");
  FileMessageNode b(backbone, "b");
  EstablishRelationship(a.node, b.node);
  b.sync().SyncEverything();

  StreamReader reader(b.identity().backbone(), "/api/v1/sse");
  ASSERT_TRUE(reader.WaitFor(1, 5s)) << reader.error();
  EXPECT_EQ(reader.Types(), std::vector<std::string>{"ConnectionOpened"});  // nothing undelivered
  // Nothing comes without a reason.
  EXPECT_FALSE(reader.WaitFor(2, 300ms));

  const auto sent = a.messages.Send(js::object{{"recipients", js::array{b.address().c_str()}}, {"content", MailTo(b.address())}});
  ASSERT_TRUE(reader.WaitFor(2, 5s)) << reader.error();
  EXPECT_EQ(reader.Types(), (std::vector<std::string>{"ConnectionOpened", "ExternalEventCreated"}));
  // What it announced can be fetched.
  b.sync().SyncEverything();
  EXPECT_EQ(b.events().Count("transport.messageReceived"), 1u);
  EXPECT_FALSE(b.messages.GetDto(std::string(sent.at("id").as_string())).at("isOwn").as_bool());

  // The sender's own stream (v2 path) is not told about it.
  StreamReader sender(a.identity().backbone(), "/api/v2/sse");
  ASSERT_TRUE(sender.WaitFor(1, 5s)) << sender.error();
  a.sync().SyncEverything();
  a.messages.Send(js::object{{"recipients", js::array{b.address().c_str()}}, {"content", MailTo(b.address(), "again")}});
  ASSERT_TRUE(reader.WaitFor(3, 5s));
  EXPECT_FALSE(sender.WaitFor(2, 300ms)) << sender.Types().back();
}

TEST(BackboneSse, StoppingTheBackboneEndsTheStream) {
  TestBackbone backbone;
  TestIdentity alice(backbone, "alice");
  TransferAbort abort;
  StreamCallbacks callbacks;
  std::atomic<bool> opened{false};
  callbacks.on_open = [&](int, const HeaderList&) { opened = true; };
  bool ended = false;
  std::thread reader([&] { ended = alice.backbone().StreamEvents("/api/v1/sse", {}, callbacks, abort); });
  for (int i = 0; i < 500 && !opened; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(opened.load());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(backbone.app().Stop());  // graceful: the open stream does not hold the shutdown
  reader.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(ended);  // a clean end (last chunk), not a broken connection
}

}  // namespace
}  // namespace nmshd::transport::testing
