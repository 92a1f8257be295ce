// The Account routes through the whole pipeline (ConnectorApi::Handle) against the in-process Backbone.
#include "connector/controllers/account_controller.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "controller_test_support.h"
#include "transport/modules/files_messages_test_support.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;
using namespace nmshd::connector::controller_test;
using namespace std::chrono_literals;
using transport::testing::FileMessageNode;
using transport::testing::MailTo;
using transport::testing::TestBackbone;

class AccountControllerTest : public ::testing::Test {
 protected:
  AccountControllerTest() {
    transport::testing::EstablishRelationship(peer_.node, us_.node);
    RegisterAccountRoutes(api_, us_.identity().account(), us_.sync());
  }

  http::Response Call(const std::string& method, const std::string& target) {
    auto r = MakeRequest(method, target);
    return api_.Handle(r);
  }
  void SendToUs(const std::string& subject) {
    peer_.messages.Send(
        js::object{{"recipients", js::array{us_.address().c_str()}}, {"content", MailTo(us_.address(), subject)}});
  }

  TestBackbone backbone_;
  FileMessageNode peer_{backbone_, "acc-peer"};
  FileMessageNode us_{backbone_, "acc-us"};
  ConnectorApi api_{OpenDebugApi()};
};

TEST_F(AccountControllerTest, SyncSyncsAndRecordsWhenItCompleted) {
  SendToUs("one");
  ASSERT_EQ(Call("POST", "/api/core/v1/Account/Sync").status, 204);
  EXPECT_EQ(us_.messages.List({}).size(), 1u);
  const auto info = Call("GET", "/api/core/v1/Account/SyncInfo");
  ASSERT_EQ(info.status, 200);
  EXPECT_TRUE(ResultOf(info).at("lastSyncRun").at("completedAt").is_string()) << info.body;
}

// A sync of the sync module may have finalized its run just before a peer's event existed; a caller
// that shared it would get its answer without the event. The route waits for the running sync and
// then asks the Backbone itself.
TEST_F(AccountControllerTest, SyncCalledWhileASyncRunsWaitsForItThenStartsItsOwnRun) {
  SendToUs("blocks the running sync");
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  us_.sync().Register("MessageReceived", [&](const transport::ExternalEvent&, transport::EventApplier&) {
    entered.set_value();
    released.wait();
  });
  std::thread running([&] { us_.sync().SyncEverything(); });
  entered.get_future().wait();

  auto& activity = *backbone_.app().context().sync_activity;
  const auto asked_before = activity.runs_created.load() + activity.runs_no_new_events.load();
  std::atomic<bool> answered{false};
  int status = 0;
  std::thread caller([&] {
    status = Call("POST", "/api/core/v1/Account/Sync").status;
    answered = true;
  });
  std::this_thread::sleep_for(150ms);
  EXPECT_FALSE(answered.load()) << "the call returned while the other sync was still running";
  release.set_value();
  running.join();
  caller.join();
  EXPECT_EQ(status, 204);
  // The running sync's run had no successor (nothing new at its finalize): every start of a run
  // after it is the call's own.
  EXPECT_EQ(activity.runs_created.load() + activity.runs_no_new_events.load(), asked_before + 1);
}

}  // namespace
}  // namespace nmshd::connector
