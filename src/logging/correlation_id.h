#pragma once
// The correlation id of the request (or sync run, or event delivery) the current code works for.
// It is printed on every log line (%x{correlationId} / "correlationId") and forwarded as the
// `x-correlation-id` header of webhook calls.
//
// Thread-local: set it with a CorrelationScope for the duration of the work; the previous id is
// restored when the scope ends, so scopes nest. Work that continues elsewhere (a thread pool, an
// Asio handler, a coroutine resumed on another thread) must take the id along: capture it with
// BindCorrelation(fn) or CurrentCorrelationId() and open a CorrelationScope where it resumes.
#include <string>
#include <utility>

namespace nmshd::logging {

// "" when no correlation id is active.
const std::string& CurrentCorrelationId();

// A fresh random UUID v4, as the official `correlation-id` package creates them.
std::string NewCorrelationId();

class CorrelationScope {
 public:
  explicit CorrelationScope(std::string id);
  ~CorrelationScope();
  CorrelationScope(const CorrelationScope&) = delete;
  CorrelationScope& operator=(const CorrelationScope&) = delete;

 private:
  std::string previous_;
};

// Wraps `fn` so that it runs under the correlation id current at the time of wrapping, wherever and
// whenever it is finally called.
template <typename Fn>
auto BindCorrelation(Fn fn) {
  return [id = CurrentCorrelationId(), fn = std::move(fn)](auto&&... args) mutable {
    CorrelationScope scope(id);
    return fn(std::forward<decltype(args)>(args)...);
  };
}

}  // namespace nmshd::logging
