// The sse module against our in-process Backbone: messages arrive without anyone calling Sync, and
// after the Backbone restarts the module reconnects, syncs and keeps receiving.
#include "connector/modules/sse_module.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "base/coded_error.h"
#include "transport/modules/files_messages_test_support.h"

namespace nmshd::connector {
namespace {

using namespace std::chrono_literals;
namespace js = boost::json;
using transport::testing::EstablishRelationship;
using transport::testing::FileMessageNode;
using transport::testing::MailTo;
using transport::testing::TestBackbone;

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

SseModuleOptions FastOptions() {
  SseModuleOptions options;
  options.initial_backoff = 50ms;
  options.max_backoff = 400ms;
  return options;
}

class SseModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    peer_ = std::make_unique<FileMessageNode>(backbone_, "peer");
    us_ = std::make_unique<FileMessageNode>(backbone_, "us");
    EstablishRelationship(peer_->node, us_->node);
  }
  void TearDown() override {
    module_.reset();
    us_.reset();
    peer_.reset();
  }

  SseModule& StartModule(SseModuleOptions options = FastOptions()) {
    module_ = std::make_unique<SseModule>(us_->sync(), us_->identity().backbone(), options);
    module_->Start();
    return *module_;
  }
  std::string SendToUs(const std::string& subject) {
    const auto sent = peer_->messages.Send(
        js::object{{"recipients", js::array{us_->address().c_str()}}, {"content", MailTo(us_->address(), subject)}});
    return std::string(sent.at("id").as_string());
  }
  bool Received(const std::string& id) {
    for (const auto& message : us_->messages.List({})) {
      if (message.at("id").as_string() == id) return true;
    }
    return false;
  }
  std::size_t Listeners() { return backbone_.app().context().external_events->ListenerCount(us_->address()); }

  TestBackbone backbone_;
  std::unique_ptr<FileMessageNode> peer_;
  std::unique_ptr<FileMessageNode> us_;
  std::unique_ptr<SseModule> module_;
};

TEST_F(SseModuleTest, StartSyncsOnceBeforeItReturns) {
  const auto before = SendToUs("while we were away");
  StartModule();
  EXPECT_TRUE(Received(before));  // the start sync, awaited by the caller
}

TEST_F(SseModuleTest, APeersMessagesArriveWithoutAnyoneCallingSync) {
  auto& module = StartModule();
  ASSERT_TRUE(WaitFor([&] { return module.connections() == 1 && Listeners() == 1; }, 5s));
  const auto first = SendToUs("pushed 1");
  ASSERT_TRUE(WaitFor([&] { return Received(first); }, 5s));
  // The second can only come by push: the module's own syncs (start, on open) are long done.
  const auto second = SendToUs("pushed 2");
  const auto sent_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(WaitFor([&] { return Received(second); }, 5s));
  EXPECT_LT(std::chrono::steady_clock::now() - sent_at, 3s);
  EXPECT_EQ(us_->events().Count("transport.messageReceived"), 2u);
  EXPECT_EQ(module.connections(), 1u);
}

TEST_F(SseModuleTest, AfterTheBackboneRestartsItReconnectsSyncsAndKeepsReceiving) {
  auto& module = StartModule();
  ASSERT_TRUE(WaitFor([&] { return module.connections() == 1 && Listeners() == 1; }, 5s));
  const auto restarted_at = std::chrono::system_clock::now();
  backbone_.Restart(300ms);  // the stream ends; connecting fails for a while
  ASSERT_TRUE(WaitFor([&] { return module.connections() == 2 && Listeners() == 1; }, 10s));
  // A sync after the reconnect (it also logs in again: the restart forgot every access token).
  ASSERT_TRUE(WaitFor(
      [&] {
        const auto last = us_->sync().LastSuccessfulSync();
        return last && *last >= restarted_at;
      },
      5s));
  const auto after = SendToUs("after the restart");
  ASSERT_TRUE(WaitFor([&] { return Received(after); }, 5s));
}

TEST_F(SseModuleTest, StopClosesTheOpenStreamAtOnce) {
  auto& module = StartModule();
  ASSERT_TRUE(WaitFor([&] { return module.connections() == 1 && Listeners() == 1; }, 5s));
  const auto started = std::chrono::steady_clock::now();
  module.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  EXPECT_TRUE(WaitFor([&] { return Listeners() == 0; }, 3s));  // the Backbone saw the client go
  const auto later = SendToUs("nobody listens");
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(Received(later));
}

TEST(SseModuleOptions, BaseUrlOverrideIsOnlyAllowedInDebugMode) {
  const js::object module{{"enabled", true}, {"baseUrlOverride", "http://sse.example:8080"}};
  try {
    SseModuleOptions::FromConfig(module, false);
    ADD_FAILURE() << "accepted without debug";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.config.invalid");
  }
  EXPECT_EQ(SseModuleOptions::FromConfig(module, true).base_url_override, "http://sse.example:8080");
  EXPECT_EQ(SseModuleOptions::FromConfig(js::object{{"enabled", true}}, false).base_url_override, "");
}

}  // namespace
}  // namespace nmshd::connector
