#pragma once
// Ids of the form PREFIX + random [A-Za-z0-9], 20 characters in total: @nmshd/core-types
// CoreIdHelper (prefix up to 6 characters) and the Backbone's StronglyTypedId (3-character prefix).
#include <string>
#include <string_view>

namespace nmshd::core {

inline constexpr std::size_t kCoreIdLength = 20;
inline constexpr std::string_view kAlphanumeric =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

class CoreIdFormat {
 public:
  // Throws "error.core.id.invalidPrefix" for a prefix longer than 6 characters or not [A-Z0-9]
  // (CoreIdHelper refuses to generate with longer prefixes).
  explicit CoreIdFormat(std::string_view prefix);

  const std::string& prefix() const { return prefix_; }

  // prefix + (20 - prefix length) characters from kAlphanumeric, libsodium randomness.
  std::string Generate() const;
  // Exactly 20 characters, starting with the prefix, the rest alphanumeric. Never throws.
  bool IsValid(std::string_view id) const noexcept;
  // Throws CodedError "error.platform.validation.invalidId" (the Backbone's code for a wrong
  // prefix, length or character) with a message saying which rule failed; `what` names the field.
  void Validate(std::string_view id, std::string_view what = "id") const;

 private:
  std::string prefix_;
};

// Any 20-character alphanumeric id, what references require (`^[A-Za-z0-9]{20}$`).
bool IsAlphanumericId(std::string_view id) noexcept;

}  // namespace nmshd::core
