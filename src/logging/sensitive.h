#pragma once
// Wrappers that make it hard to log what must not be logged.
//
// Rules for everyone who logs:
//   * Secrets (keys, passwords, client secrets, tokens, API keys) are never logged: wrap them in
//     Secret(x) if a line must mention one; it always prints "***".
//   * Personal data and payloads (message content, attributes, addresses of peers, request and
//     event bodies) only at DEBUG/TRACE: wrap them in Personal(x); at INFO and above it prints
//     "<personal data>", at DEBUG/TRACE the value. (The official webhooks module logs whole event
//     payloads at INFO; we don't.)
//   * A configuration object goes through config::RedactConfig before it is logged.
#include <fmt/format.h>

#include <string_view>

#include "logging/log_level.h"

namespace nmshd::logging {

template <typename T>
struct SecretValue {
  const T& value;
};
template <typename T>
SecretValue<T> Secret(const T& value) {
  return {value};
}

template <typename T>
struct PersonalValue {
  const T& value;
};
template <typename T>
PersonalValue<T> Personal(const T& value) {
  return {value};
}

namespace detail {
// The level of the log call whose arguments are being formatted on this thread (set by Logger).
Level& FormattingLevel();

class FormattingLevelScope {
 public:
  explicit FormattingLevelScope(Level level) : previous_(FormattingLevel()) { FormattingLevel() = level; }
  ~FormattingLevelScope() { FormattingLevel() = previous_; }
  FormattingLevelScope(const FormattingLevelScope&) = delete;
  FormattingLevelScope& operator=(const FormattingLevelScope&) = delete;

 private:
  Level previous_;
};
}  // namespace detail

}  // namespace nmshd::logging

template <typename T>
struct fmt::formatter<nmshd::logging::SecretValue<T>> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const nmshd::logging::SecretValue<T>&, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format("***", ctx);
  }
};

template <typename T>
struct fmt::formatter<nmshd::logging::PersonalValue<T>> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const nmshd::logging::PersonalValue<T>& p, Ctx& ctx) const {
    if (nmshd::logging::detail::FormattingLevel() <= nmshd::logging::Level::debug) {
      return fmt::format_to(ctx.out(), "{}", p.value);
    }
    return fmt::formatter<std::string_view>::format("<personal data>", ctx);
  }
};
