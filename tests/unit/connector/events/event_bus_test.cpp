#include "connector/events/event_bus.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "connector/events/event_names.h"
#include "logging/correlation_id.h"

namespace nmshd::connector {
namespace {

using namespace std::chrono_literals;

// Thread-safe list of what handlers saw.
class Recorder {
 public:
  void Add(std::string s) {
    std::lock_guard lock(mutex_);
    items_.push_back(std::move(s));
    changed_.notify_all();
  }
  std::vector<std::string> Items() const {
    std::lock_guard lock(mutex_);
    return items_;
  }
  bool WaitForCount(std::size_t n, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return items_.size() >= n; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> items_;
};

// Blocks handlers until opened.
class Gate {
 public:
  void Open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    cv_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mutex_);
    entered_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
  }
  bool WaitEntered(std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return entered_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
  bool entered_ = false;
};

Event Named(std::string ns) { return Event{std::move(ns), std::nullopt, ""}; }

TEST(EventBus, DeliversToMatchingPatternsOnly) {
  EventBus bus;
  Recorder transport, consumption, all, exact;
  bus.Subscribe("transport.*", [&](const Event& e) { transport.Add(e.eventNamespace); });
  bus.Subscribe("consumption.**", [&](const Event& e) { consumption.Add(e.eventNamespace); });
  bus.Subscribe("**", [&](const Event& e) { all.Add(e.eventNamespace); });
  bus.Subscribe(std::string(event_names::kMessageReceived), [&](const Event& e) { exact.Add(e.eventNamespace); });

  bus.Publish(Named(std::string(event_names::kMessageReceived)));
  bus.Publish(Named(std::string(event_names::kAttributeCreated)));
  bus.Publish(Named(event_names::RelationshipEventName("RELxyz")));
  bus.Publish(Named("runtime.modulesStarted"));
  ASSERT_TRUE(bus.Stop(5s));

  EXPECT_EQ(transport.Items(), std::vector<std::string>{"transport.messageReceived"});
  EXPECT_EQ(consumption.Items(),
            (std::vector<std::string>{"consumption.attributeCreated", "consumption.relationshipEvent.RELxyz"}));
  EXPECT_EQ(all.Items().size(), 4u);
  EXPECT_EQ(exact.Items(), std::vector<std::string>{"transport.messageReceived"});
}

TEST(EventBus, HandlersRunInPublishOrderOnOneThread) {
  EventBus bus;
  Recorder seen;
  std::mutex threadsMutex;
  std::vector<std::thread::id> threads;
  auto handler = [&](const Event& e) {
    {
      std::lock_guard lock(threadsMutex);
      threads.push_back(std::this_thread::get_id());
    }
    seen.Add(e.eventNamespace);
  };
  bus.Subscribe("test.*", handler);
  std::vector<std::string> published;
  for (int i = 0; i < 200; ++i) {
    published.push_back("test.e" + std::to_string(i));
    ASSERT_TRUE(bus.Publish(Named(published.back())));
  }
  ASSERT_TRUE(bus.Stop(10s));
  EXPECT_EQ(seen.Items(), published);
  ASSERT_EQ(threads.size(), 200u);
  for (const auto& id : threads) EXPECT_EQ(id, threads.front());
  EXPECT_NE(threads.front(), std::this_thread::get_id());
}

TEST(EventBus, PublishDoesNotWaitForHandlers) {
  EventBus bus;
  Gate gate;
  Recorder seen;
  bus.Subscribe("**", [&](const Event& e) {
    gate.Wait();
    seen.Add(e.eventNamespace);
  });
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(bus.Publish(Named("a.b")));
  ASSERT_TRUE(bus.Publish(Named("a.c")));
  ASSERT_TRUE(gate.WaitEntered());
  EXPECT_TRUE(seen.Items().empty());  // the publisher is not blocked by the handler
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  gate.Open();
  ASSERT_TRUE(seen.WaitForCount(2));
  EXPECT_EQ(seen.Items(), (std::vector<std::string>{"a.b", "a.c"}));
}

TEST(EventBus, UnsubscribeStopsDeliveries) {
  EventBus bus;
  Recorder kept, removed;
  auto keepId = bus.Subscribe("**", [&](const Event& e) { kept.Add(e.eventNamespace); });
  auto removeId = bus.Subscribe("**", [&](const Event& e) { removed.Add(e.eventNamespace); });
  EXPECT_NE(keepId, removeId);
  bus.Publish(Named("x.one"));
  ASSERT_TRUE(kept.WaitForCount(1));
  ASSERT_TRUE(removed.WaitForCount(1));
  EXPECT_TRUE(bus.Unsubscribe(removeId));
  EXPECT_FALSE(bus.Unsubscribe(removeId));
  EXPECT_FALSE(bus.Unsubscribe(987654));
  bus.Publish(Named("x.two"));
  ASSERT_TRUE(bus.Stop(5s));
  EXPECT_EQ(kept.Items(), (std::vector<std::string>{"x.one", "x.two"}));
  EXPECT_EQ(removed.Items(), std::vector<std::string>{"x.one"});
}

TEST(EventBus, UnsubscribeWaitsForTheRunningHandler) {
  EventBus bus;
  Gate gate;
  std::atomic<bool> finished{false};
  auto id = bus.Subscribe("**", [&](const Event&) {
    gate.Wait();
    std::this_thread::sleep_for(50ms);
    finished = true;
  });
  bus.Publish(Named("a"));
  ASSERT_TRUE(gate.WaitEntered());
  auto unsubscribed = std::async(std::launch::async, [&] { return bus.Unsubscribe(id); });
  EXPECT_EQ(unsubscribed.wait_for(100ms), std::future_status::timeout);
  gate.Open();
  EXPECT_TRUE(unsubscribed.get());
  EXPECT_TRUE(finished.load());
}

TEST(EventBus, HandlerMayUnsubscribeItself) {
  EventBus bus;
  Recorder seen;
  SubscriptionId id = 0;
  std::mutex idMutex;
  {
    std::lock_guard lock(idMutex);
    id = bus.Subscribe("**", [&](const Event& e) {
      seen.Add(e.eventNamespace);
      std::lock_guard inner(idMutex);
      bus.Unsubscribe(id);
    });
  }
  bus.Publish(Named("first"));
  bus.Publish(Named("second"));
  ASSERT_TRUE(bus.Stop(5s));
  EXPECT_EQ(seen.Items(), std::vector<std::string>{"first"});
}

TEST(EventBus, StopDrainsQueuedEvents) {
  EventBus bus;
  Recorder seen;
  bus.Subscribe("**", [&](const Event& e) {
    std::this_thread::sleep_for(2ms);
    seen.Add(e.eventNamespace);
  });
  for (int i = 0; i < 50; ++i) bus.Publish(Named("e" + std::to_string(i)));
  EXPECT_TRUE(bus.Stop(10s));
  EXPECT_EQ(seen.Items().size(), 50u);
  EXPECT_EQ(bus.DroppedCount(), 0u);
  EXPECT_FALSE(bus.Publish(Named("late")));  // stopped: nothing is accepted any more
  EXPECT_TRUE(bus.Stop(1s));                 // idempotent, first result
}

TEST(EventBus, StopDropsWhatIsLeftAtTheDeadline) {
  EventBus bus;
  Recorder seen;
  bus.Subscribe("**", [&](const Event& e) {
    std::this_thread::sleep_for(100ms);
    seen.Add(e.eventNamespace);
  });
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(bus.Publish(Named("e" + std::to_string(i))));
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(bus.Stop(150ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  auto handled = seen.Items().size();
  EXPECT_GE(handled, 1u);
  EXPECT_LE(handled, 4u);
  EXPECT_EQ(bus.DroppedCount(), 10u - handled);
  EXPECT_EQ(bus.QueuedCount(), 0u);
}

TEST(EventBus, FullQueueDropsNewEvents) {
  EventBus bus(EventBus::Options{2});
  Gate gate;
  Recorder seen;
  bus.Subscribe("**", [&](const Event& e) {
    gate.Wait();
    seen.Add(e.eventNamespace);
  });
  ASSERT_TRUE(bus.Publish(Named("taken")));  // the dispatcher holds it in the handler
  ASSERT_TRUE(gate.WaitEntered());
  EXPECT_TRUE(bus.Publish(Named("q1")));
  EXPECT_TRUE(bus.Publish(Named("q2")));
  EXPECT_FALSE(bus.Publish(Named("overflow")));
  EXPECT_EQ(bus.DroppedCount(), 1u);
  EXPECT_EQ(bus.QueuedCount(), 2u);
  gate.Open();
  ASSERT_TRUE(bus.Stop(5s));
  EXPECT_EQ(seen.Items(), (std::vector<std::string>{"taken", "q1", "q2"}));
}

TEST(EventBus, HandlersRunUnderThePublishersCorrelationId) {
  EventBus bus;
  Recorder seen;
  bus.Subscribe("**", [&](const Event& e) { seen.Add(e.eventNamespace + "=" + logging::CurrentCorrelationId()); });
  {
    logging::CorrelationScope scope("req-1");
    bus.Publish(Named("from.request"));
    bus.Publish(Event{"explicit.id", std::nullopt, "sync-7"});
  }
  bus.Publish(Named("no.id"));
  ASSERT_TRUE(bus.Stop(5s));
  EXPECT_EQ(seen.Items(), (std::vector<std::string>{"from.request=req-1", "explicit.id=sync-7", "no.id="}));
}

TEST(EventBus, AThrowingHandlerDoesNotStopOthers) {
  EventBus bus;
  Recorder seen;
  bus.Subscribe("**", [](const Event&) { throw std::runtime_error("boom"); });
  bus.Subscribe("**", [&](const Event& e) { seen.Add(e.eventNamespace); });
  bus.Publish(Named("one"));
  bus.Publish(Named("two"));
  ASSERT_TRUE(bus.Stop(5s));
  EXPECT_EQ(seen.Items(), (std::vector<std::string>{"one", "two"}));
}

TEST(EventBus, DataTravelsWithTheEvent) {
  EventBus bus;
  std::promise<Event> got;
  bus.Subscribe(std::string(event_names::kMessageSent), [&](const Event& e) { got.set_value(e); });
  bus.Publish(Event{std::string(event_names::kMessageSent), boost::json::parse(R"({"id":"MSGabc","n":1})"), ""});
  auto event = got.get_future().get();
  ASSERT_TRUE(event.data.has_value());
  EXPECT_EQ(event.data->at("id").as_string(), "MSGabc");
}

TEST(EventNames, OfficialNamespacesAreDistinctAndPrefixed) {
  std::set<std::string_view> names(event_names::kOfficialDomainEvents.begin(),
                                   event_names::kOfficialDomainEvents.end());
  EXPECT_EQ(names.size(), event_names::kOfficialDomainEvents.size());
  for (auto name : names) {
    EXPECT_TRUE(name.starts_with("transport.") || name.starts_with("consumption.")) << name;
  }
  EXPECT_EQ(event_names::RelationshipEventName("REL1"), "consumption.relationshipEvent.REL1");
}

}  // namespace
}  // namespace nmshd::connector
