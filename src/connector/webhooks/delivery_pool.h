#pragma once
// A few worker threads that run webhook deliveries from a bounded queue, so that the event bus
// dispatcher only enqueues and a slow or dead target holds at most one worker per call for at most
// the request timeout, while the others keep delivering. Each worker owns a CurlSession (keep-alive
// connections). The official module fires each delivery without waiting, so it has no ordering
// either.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "connector/webhooks/curl_session.h"

namespace nmshd::connector {

class DeliveryPool {
 public:
  // `abort` turns true when Stop's deadline has passed: long-running jobs should give up.
  using Job = std::function<void(CurlSession& session, const std::atomic<bool>& abort)>;

  DeliveryPool(std::size_t workers, std::size_t queueCapacity);
  ~DeliveryPool();  // Stop(0)
  DeliveryPool(const DeliveryPool&) = delete;
  DeliveryPool& operator=(const DeliveryPool&) = delete;

  // False when the queue is full or the pool is stopping: the job is not run.
  bool Submit(Job job);

  // Runs what is queued until `timeout`; then drops the rest, aborts running jobs and joins the
  // workers. Returns the number of jobs dropped. Later calls return 0.
  std::size_t Stop(std::chrono::milliseconds timeout);

 private:
  void Work();

  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Job> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::atomic<bool> abort_{false};
  std::vector<std::thread> workers_;
};

}  // namespace nmshd::connector
