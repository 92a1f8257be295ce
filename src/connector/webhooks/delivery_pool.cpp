#include "connector/webhooks/delivery_pool.h"

#include <exception>

namespace nmshd::connector {

DeliveryPool::DeliveryPool(std::size_t workers, std::size_t queueCapacity) : capacity_(queueCapacity) {
  if (workers == 0) workers = 1;
  workers_.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) workers_.emplace_back([this] { Work(); });
}

DeliveryPool::~DeliveryPool() { Stop(std::chrono::milliseconds(0)); }

bool DeliveryPool::Submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void DeliveryPool::Work() {
  CurlSession session;
  while (true) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    try {
      job(session, abort_);
    } catch (...) {
      // Jobs log their own failures; a stray exception must not end the worker.
    }
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    idle_.notify_all();
  }
}

std::size_t DeliveryPool::Stop(std::chrono::milliseconds timeout) {
  std::size_t dropped = 0;
  {
    std::unique_lock lock(mutex_);
    if (stopping_) return 0;
    stopping_ = true;
    wake_.notify_all();
    idle_.wait_for(lock, timeout, [&] { return queue_.empty() && running_ == 0; });
    dropped = queue_.size();
    queue_.clear();
  }
  abort_ = true;
  wake_.notify_all();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  return dropped;
}

}  // namespace nmshd::connector
