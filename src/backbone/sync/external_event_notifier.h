#pragma once
// Push side of external events: who is listening for new events of which identity. The SSE
// endpoint subscribes one listener per open stream; AppendExternalEvent notifies the owner's
// listeners after the transaction that created the event has committed, so a client that syncs on
// the notification finds the event. In memory only: after a restart clients reconnect and sync.
//
// Thread-safety: all members may be called from any thread. Listeners run outside the lock, on the
// notifying thread (a request handler), so they must be quick and must not block.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace nmshd::backbone {

class ExternalEventNotifier {
 public:
  using Listener = std::function<void()>;

  // Returns the subscription id for Unsubscribe.
  std::uint64_t Subscribe(const std::string& address, Listener listener);
  void Unsubscribe(std::uint64_t id);
  // Calls every listener of `address`.
  void Notify(const std::string& address);
  std::size_t ListenerCount(const std::string& address) const;

 private:
  struct Subscription {
    std::string address;
    Listener listener;
  };
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Subscription> subscriptions_;
  std::multimap<std::string, std::uint64_t> by_address_;
};

}  // namespace nmshd::backbone
