#include "connector/events/event_bus.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "connector/events/event_pattern.h"
#include "logging/correlation_id.h"
#include "logging/log_system.h"

namespace nmshd::connector {
namespace {

struct Subscription {
  SubscriptionId id;
  EventPattern pattern;
  EventHandler handler;
  bool active = true;  // guarded by Impl::mutex
};

}  // namespace

struct EventBus::Impl {
  explicit Impl(Options opts) : options(opts), log(logging::GetLogger("connector.events")) {}

  Options options;
  logging::Logger log;

  mutable std::mutex mutex;
  std::condition_variable wake;  // dispatcher: events queued or stopping
  std::condition_variable idle;  // Stop/Unsubscribe: a handler or event finished
  std::deque<Event> queue;
  std::vector<std::shared_ptr<Subscription>> subscriptions;
  SubscriptionId nextId = 1;
  SubscriptionId running = 0;  // subscription whose handler runs now, 0 = none
  bool busy = false;           // the dispatcher holds an event taken from the queue
  bool stopping = false;
  std::optional<bool> stopResult;
  std::uint64_t dropped = 0;
  std::thread dispatcher;

  void Run() {
    while (true) {
      Event event;
      std::vector<std::shared_ptr<Subscription>> targets;
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return !queue.empty() || stopping; });
        if (queue.empty()) return;  // stopping and drained (or what was left was dropped)
        event = std::move(queue.front());
        queue.pop_front();
        busy = true;
        for (const auto& sub : subscriptions) {
          if (sub->pattern.Matches(event.eventNamespace)) targets.push_back(sub);
        }
      }
      Dispatch(event, targets);
      {
        std::lock_guard lock(mutex);
        busy = false;
      }
      idle.notify_all();
    }
  }

  void Dispatch(const Event& event, const std::vector<std::shared_ptr<Subscription>>& targets) {
    logging::CorrelationScope scope(event.correlationId);
    for (const auto& sub : targets) {
      {
        std::lock_guard lock(mutex);
        if (!sub->active) continue;
        running = sub->id;
      }
      try {
        sub->handler(event);
      } catch (const std::exception& e) {
        log.Error("handler subscribed to '{}' failed on event '{}': {}", sub->pattern.text(),
                  event.eventNamespace, e.what());
      } catch (...) {
        log.Error("handler subscribed to '{}' failed on event '{}'", sub->pattern.text(),
                  event.eventNamespace);
      }
      {
        std::lock_guard lock(mutex);
        running = 0;
      }
      idle.notify_all();
    }
  }
};

EventBus::EventBus() : EventBus(Options{}) {}

EventBus::EventBus(Options options) : impl_(std::make_unique<Impl>(options)) {
  impl_->dispatcher = std::thread([impl = impl_.get()] { impl->Run(); });
}

EventBus::~EventBus() { Stop(); }

bool EventBus::Publish(Event event) {
  if (event.correlationId.empty()) event.correlationId = logging::CurrentCorrelationId();
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping) {
      impl_->log.Debug("event '{}' published after the event bus stopped: ignored", event.eventNamespace);
      return false;
    }
    if (impl_->queue.size() >= impl_->options.queueCapacity) {
      ++impl_->dropped;
      impl_->log.Error("event queue full ({} events): event '{}' dropped ({} dropped so far)",
                       impl_->queue.size(), event.eventNamespace, impl_->dropped);
      return false;
    }
    impl_->queue.push_back(std::move(event));
  }
  impl_->wake.notify_one();
  return true;
}

SubscriptionId EventBus::Subscribe(std::string_view pattern, EventHandler handler) {
  std::lock_guard lock(impl_->mutex);
  auto id = impl_->nextId++;
  impl_->subscriptions.push_back(
      std::make_shared<Subscription>(Subscription{id, EventPattern(pattern), std::move(handler)}));
  return id;
}

bool EventBus::Unsubscribe(SubscriptionId id) {
  std::unique_lock lock(impl_->mutex);
  auto& subs = impl_->subscriptions;
  auto it = std::find_if(subs.begin(), subs.end(), [&](const auto& s) { return s->id == id; });
  if (it == subs.end()) return false;
  (*it)->active = false;
  subs.erase(it);
  if (std::this_thread::get_id() != impl_->dispatcher.get_id()) {
    impl_->idle.wait(lock, [&] { return impl_->running != id; });
  }
  return true;
}

bool EventBus::Stop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  if (impl_->stopResult) return *impl_->stopResult;
  impl_->stopping = true;
  impl_->wake.notify_all();
  if (std::this_thread::get_id() == impl_->dispatcher.get_id()) {
    // From a handler: cannot wait for ourselves; the destructor joins.
    return false;
  }
  bool drained = impl_->idle.wait_for(lock, timeout, [&] { return impl_->queue.empty() && !impl_->busy; });
  if (!drained && !impl_->queue.empty()) {
    impl_->dropped += impl_->queue.size();
    impl_->log.Error("event bus stopped after {} ms with {} events not handled: dropped", timeout.count(),
                     impl_->queue.size());
    impl_->queue.clear();
  }
  impl_->stopResult = drained;
  lock.unlock();
  impl_->wake.notify_all();
  if (impl_->dispatcher.joinable()) impl_->dispatcher.join();
  return drained;
}

std::uint64_t EventBus::DroppedCount() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->dropped;
}

std::size_t EventBus::QueuedCount() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->queue.size();
}

}  // namespace nmshd::connector
