#include "core/core_id.h"

#include <algorithm>

#include "base/coded_error.h"
#include "crypto/random.h"

namespace nmshd::core {
namespace {

bool IsAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string Shown(std::string_view id) {
  return "'" + std::string(id.substr(0, 40)) + (id.size() > 40 ? "...'" : "'");
}

}  // namespace

CoreIdFormat::CoreIdFormat(std::string_view prefix) : prefix_(prefix) {
  bool ok = prefix.size() <= 6 && std::all_of(prefix.begin(), prefix.end(), [](char c) {
              return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            });
  if (!ok) {
    throw CodedError("error.core.id.invalidPrefix",
                     "an id prefix has at most 6 characters from [A-Z0-9], got '" + std::string(prefix) + "'");
  }
}

std::string CoreIdFormat::Generate() const {
  return prefix_ + crypto::RandomString(kCoreIdLength - prefix_.size(), kAlphanumeric);
}

bool CoreIdFormat::IsValid(std::string_view id) const noexcept {
  return id.size() == kCoreIdLength && id.substr(0, prefix_.size()) == prefix_ &&
         std::all_of(id.begin() + static_cast<std::ptrdiff_t>(prefix_.size()), id.end(), IsAlnum);
}

void CoreIdFormat::Validate(std::string_view id, std::string_view what) const {
  const std::string name(what);
  if (id.substr(0, prefix_.size()) != prefix_) {
    throw CodedError("error.platform.validation.invalidId",
                     name + " " + Shown(id) + " must start with '" + prefix_ + "'");
  }
  if (id.size() != kCoreIdLength) {
    throw CodedError("error.platform.validation.invalidId",
                     name + " " + Shown(id) + " has " + std::to_string(id.size()) +
                         " characters instead of 20");
  }
  if (!IsValid(id)) {
    throw CodedError("error.platform.validation.invalidId",
                     name + " " + Shown(id) + " may only contain the characters A-Z, a-z and 0-9 after its prefix");
  }
}

bool IsAlphanumericId(std::string_view id) noexcept {
  return id.size() == kCoreIdLength && std::all_of(id.begin(), id.end(), IsAlnum);
}

}  // namespace nmshd::core
