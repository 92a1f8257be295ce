#include "http/streaming_body.h"

#include <utility>

namespace nmshd::http {

bool StreamingBody::Write(std::string_view chunk) {
  {
    std::lock_guard lock(mutex_);
    if (ended_ || finished_) return false;
    if (queued_.size() + chunk.size() <= options_.max_buffered_bytes) {
      queued_.append(chunk);
      if (wake_) wake_();
      return true;
    }
  }
  // The client does not read what we send; holding more for it would let it exhaust our memory.
  End();
  return false;
}

void StreamingBody::Finish() {
  std::lock_guard lock(mutex_);
  if (ended_ || finished_) return;
  finished_ = true;
  if (wake_) wake_();
}

void StreamingBody::OnEnd(std::function<void()> callback) {
  {
    std::lock_guard lock(mutex_);
    if (!ended_) {
      on_end_ = std::move(callback);
      return;
    }
  }
  if (callback) callback();
}

bool StreamingBody::ended() const {
  std::lock_guard lock(mutex_);
  return ended_;
}

void StreamingBody::Attach(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  if (!ended_) wake_ = std::move(wake);
}

std::string StreamingBody::Take(bool& finished) {
  std::lock_guard lock(mutex_);
  finished = finished_;
  return std::exchange(queued_, std::string());
}

void StreamingBody::End() {
  std::function<void()> on_end;
  {
    std::lock_guard lock(mutex_);
    if (ended_) return;
    ended_ = true;
    queued_.clear();
    if (wake_) wake_();
    wake_ = nullptr;
    on_end = std::move(on_end_);
  }
  if (on_end) on_end();
}

}  // namespace nmshd::http
