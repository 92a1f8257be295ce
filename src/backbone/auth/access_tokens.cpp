#include "auth/access_tokens.h"

#include "base/base64.h"
#include "crypto/random.h"

namespace nmshd::backbone::auth {

std::string AccessTokens::Issue(const Caller& caller, TimePoint now, std::chrono::seconds lifetime) {
  std::string token = base64::EncodeUrlNoPad(crypto::RandomBytes(32));
  std::lock_guard lock(mutex_);
  if (++issued_since_cleanup_ >= 256) DropExpiredLocked(now);
  tokens_[token] = Entry{caller, now + std::chrono::duration_cast<std::chrono::milliseconds>(lifetime)};
  return token;
}

std::optional<Caller> AccessTokens::Resolve(std::string_view token, TimePoint now) const {
  std::lock_guard lock(mutex_);
  auto it = tokens_.find(std::string(token));
  if (it == tokens_.end() || it->second.expires_at <= now) return std::nullopt;
  return it->second.caller;
}

void AccessTokens::RevokeDevice(std::string_view device_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(tokens_, [&](const auto& kv) { return kv.second.caller.device_id == device_id; });
}

std::size_t AccessTokens::size() const {
  std::lock_guard lock(mutex_);
  return tokens_.size();
}

void AccessTokens::DropExpiredLocked(TimePoint now) {
  issued_since_cleanup_ = 0;
  std::erase_if(tokens_, [&](const auto& kv) { return kv.second.expires_at <= now; });
}

}  // namespace nmshd::backbone::auth
