#include "sync/external_event_notifier.h"

#include <vector>

namespace nmshd::backbone {

std::uint64_t ExternalEventNotifier::Subscribe(const std::string& address, Listener listener) {
  std::lock_guard lock(mutex_);
  const auto id = next_id_++;
  subscriptions_.emplace(id, Subscription{address, std::move(listener)});
  by_address_.emplace(address, id);
  return id;
}

void ExternalEventNotifier::Unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  const auto it = subscriptions_.find(id);
  if (it == subscriptions_.end()) return;
  auto [first, last] = by_address_.equal_range(it->second.address);
  for (auto entry = first; entry != last; ++entry) {
    if (entry->second == id) {
      by_address_.erase(entry);
      break;
    }
  }
  subscriptions_.erase(it);
}

void ExternalEventNotifier::Notify(const std::string& address) {
  std::vector<Listener> listeners;
  {
    std::lock_guard lock(mutex_);
    auto [first, last] = by_address_.equal_range(address);
    for (auto entry = first; entry != last; ++entry) listeners.push_back(subscriptions_.at(entry->second).listener);
  }
  for (const auto& listener : listeners) listener();
}

std::size_t ExternalEventNotifier::ListenerCount(const std::string& address) const {
  std::lock_guard lock(mutex_);
  return by_address_.count(address);
}

}  // namespace nmshd::backbone
