#include "core/shared_password_protection.h"

#include <charconv>

#include "base/split.h"
#include "base/base64.h"
#include "base/coded_error.h"

namespace nmshd::core {
namespace {

constexpr std::size_t kSaltLength = 16;

// "pw" -> 0, "pin4".."pin16" -> 4..16, anything else -> -1 (the official regex
// ^(pw|pin(4|5|...|16))$, so "pin04" or "PIN4" are refused).
int PinLengthOf(std::string_view type) {
  if (type == "pw") return 0;
  if (type.size() < 4 || type.size() > 5 || type.substr(0, 3) != "pin" || type[3] == '0') return -1;
  int n = 0;
  auto [ptr, ec] = std::from_chars(type.data() + 3, type.data() + type.size(), n);
  if (ec != std::errc() || ptr != type.data() + type.size() || n < 4 || n > 16) return -1;
  return n;
}

}  // namespace

SharedPasswordProtection::SharedPasswordProtection(std::string password_type,
                                                   std::vector<std::uint8_t> salt,
                                                   std::optional<int> password_location_indicator,
                                                   std::optional<std::string> password)
    : password_type_(std::move(password_type)),
      salt_(std::move(salt)),
      password_location_indicator_(password_location_indicator),
      password_(std::move(password)) {
  if (PinLengthOf(password_type_) < 0) {
    throw CodedError("error.core.reference.invalidPasswordType",
                     "the password type must be 'pw' or 'pin4' to 'pin16', got '" +
                         password_type_.substr(0, 20) + "'");
  }
  if (salt_.size() != kSaltLength) {
    throw CodedError("error.core.reference.wrongSaltLength",
                     "the password salt must be 16 bytes long, got " + std::to_string(salt_.size()));
  }
  if (password_location_indicator_ &&
      (*password_location_indicator_ < 0 || *password_location_indicator_ > 99)) {
    throw CodedError("error.core.reference.invalidPasswordLocationIndicator",
                     "the passwordLocationIndicator must be an integer from 0 to 99, got " +
                         std::to_string(*password_location_indicator_));
  }
  // The official truncate() writes `password ? "&" + password : ""`: an empty password is the same
  // as none, so normalise it to keep Truncate/FromTruncated a round trip.
  if (password_ && password_->empty()) password_.reset();
}

SharedPasswordProtection SharedPasswordProtection::FromTruncated(std::string_view text) {
  auto parts = SplitKeepEmpty(text, '&');
  if (parts.size() < 2 || parts.size() > 4) {
    throw CodedError("error.core.reference.invalidPasswordProtection",
                     "the password part of a truncated reference must consist of 2, 3 or 4 '&'-separated components, got " +
                         std::to_string(parts.size()));
  }
  std::vector<std::uint8_t> salt;
  try {
    salt = base64::DecodeStandard(parts[1]);
  } catch (const CodedError&) {
    throw CodedError("error.core.reference.invalidSalt",
                     "the password salt of a truncated reference must be standard base64, got '" +
                         std::string(parts[1].substr(0, 40)) + "'");
  }
  std::optional<int> indicator;
  if (parts.size() > 2 && !parts[2].empty()) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), value);
    if (ec != std::errc() || ptr != parts[2].data() + parts[2].size()) {
      throw CodedError("error.core.reference.invalidPasswordLocationIndicator",
                       "the passwordLocationIndicator must be an integer from 0 to 99, got '" +
                           std::string(parts[2].substr(0, 20)) + "'");
    }
    indicator = value;
  }
  std::optional<std::string> password;
  if (parts.size() > 3 && !parts[3].empty()) password = std::string(parts[3]);
  return SharedPasswordProtection(std::string(parts[0]), std::move(salt), indicator, std::move(password));
}

std::string SharedPasswordProtection::Truncate() const {
  std::string out = password_type_ + "&" + base64::EncodeStandard(salt_);
  if (!password_location_indicator_ && !password_) return out;
  out += "&";
  if (password_location_indicator_) out += std::to_string(*password_location_indicator_);
  if (password_) out += "&" + *password_;
  return out;
}

int SharedPasswordProtection::pin_length() const { return PinLengthOf(password_type_); }

}  // namespace nmshd::core
