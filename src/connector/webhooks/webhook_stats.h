#pragma once
// Counters of the webhooks module, for logs now and metrics later.
#include <cstdint>

namespace nmshd::connector {

struct WebhookStats {
  std::uint64_t delivered = 0;  // 2xx answers
  std::uint64_t failed = 0;     // non-2xx answers, network errors, token errors (never retried)
  std::uint64_t dropped = 0;    // not attempted: delivery queue full, or left over at Stop
};

}  // namespace nmshd::connector
