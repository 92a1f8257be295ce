#include "logging/correlation_id.h"

#include "crypto/random.h"

namespace nmshd::logging {
namespace {
thread_local std::string tCorrelationId;
}  // namespace

const std::string& CurrentCorrelationId() { return tCorrelationId; }

std::string NewCorrelationId() {
  auto bytes = crypto::RandomBytes(16);
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0f]);
  }
  return out;
}

CorrelationScope::CorrelationScope(std::string id) : previous_(std::move(tCorrelationId)) {
  tCorrelationId = std::move(id);
}

CorrelationScope::~CorrelationScope() { tCorrelationId = std::move(previous_); }

}  // namespace nmshd::logging
