#include "logging/correlation_id.h"

#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

#include "unit/logging/mask_match.h"

namespace nmshd::logging {
namespace {

TEST(CorrelationId, ScopesNestAndRestore) {
  EXPECT_EQ(CurrentCorrelationId(), "");
  {
    CorrelationScope outer("outer");
    EXPECT_EQ(CurrentCorrelationId(), "outer");
    {
      CorrelationScope inner("inner");
      EXPECT_EQ(CurrentCorrelationId(), "inner");
    }
    EXPECT_EQ(CurrentCorrelationId(), "outer");
  }
  EXPECT_EQ(CurrentCorrelationId(), "");
}

TEST(CorrelationId, IsPerThread) {
  CorrelationScope scope("main-thread");
  std::string seenOnOtherThread = "unset";
  std::thread([&] { seenOnOtherThread = CurrentCorrelationId(); }).join();
  EXPECT_EQ(seenOnOtherThread, "");
  EXPECT_EQ(CurrentCorrelationId(), "main-thread");
}

TEST(CorrelationId, BindCarriesTheIdToAnotherThreadAndRestoresThere) {
  std::function<std::string(int)> task;
  {
    CorrelationScope scope("request-42");
    task = BindCorrelation([](int n) { return CurrentCorrelationId() + "/" + std::to_string(n); });
  }
  EXPECT_EQ(CurrentCorrelationId(), "");
  std::string before, inside, after;
  std::thread([&] {
    CorrelationScope workerOwn("worker");
    before = CurrentCorrelationId();
    inside = task(7);
    after = CurrentCorrelationId();
  }).join();
  EXPECT_EQ(before, "worker");
  EXPECT_EQ(inside, "request-42/7");
  EXPECT_EQ(after, "worker");
}

TEST(CorrelationId, NewIdsAreRandomUuidV4) {
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    auto id = NewCorrelationId();
    EXPECT_TRUE(testing::MatchesMask(id, "hhhhhhhh-hhhh-4hhh-hhhh-hhhhhhhhhhhh")) << id;
    EXPECT_NE(std::string_view("89ab").find(id[19]), std::string_view::npos) << id;  // RFC 4122 variant
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 100u);
}

}  // namespace
}  // namespace nmshd::logging
