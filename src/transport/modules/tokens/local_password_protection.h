#pragma once
// The password protection of an own or loaded token or template (transport PasswordProtection:
// password in clear text, passwordType "pw" | "pin<N>", 16-byte salt, passwordLocationIndicator),
// and its forms: the DTO's {password, passwordIsPin?, passwordLocationIndicator?} (the runtime's
// PasswordProtectionMapper), the SharedPasswordProtection of references and token contents, and
// the hash the Backbone compares.
//
// Storage: the DTO form at the document's top level (so REST filters on it work), the type and the
// salt inside the sealed secrets, and "_passwordLocationIndicator" (the number) for the filter on
// passwordProtection.passwordLocationIndicator, which the runtime matches numerically.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/shared_password_protection.h"

namespace nmshd::transport {

// What a creation request asks for (PasswordProtectionCreationParameters).
struct PasswordProtectionRequest {
  std::string password;
  std::string password_type;  // "pw" or "pin<password length>"
  std::optional<int> location_indicator;

  // From a validated request member (request_checks); nullopt when absent.
  static std::optional<PasswordProtectionRequest> FromJson(const boost::json::value* json);
};

struct LocalPasswordProtection {
  std::string password;
  std::string password_type;
  std::vector<std::uint8_t> salt;
  std::optional<int> location_indicator;

  // A new protection with a fresh salt (sendToken / sendRelationshipTemplate).
  static LocalPasswordProtection Create(const PasswordProtectionRequest& request);
  // What a loader keeps: the shared part from the reference or token content, plus its password.
  static LocalPasswordProtection FromShared(const core::SharedPasswordProtection& shared, std::string password);

  // matchesPasswordProtectionParameters: same type, password and location indicator.
  bool Matches(const std::optional<PasswordProtectionRequest>& request) const;

  // For references and token contents; the clear-text password is never included.
  core::SharedPasswordProtection ToShared() const;
  // The `password` the Backbone stores and compares.
  std::string BackboneHash() const;

  boost::json::object ToDto() const;
  boost::json::object SecretPart() const;  // {passwordType, salt}
  // Inverse of ToDto + SecretPart.
  static LocalPasswordProtection FromStored(const boost::json::object& dto, const boost::json::object& secret);
};

// PasswordLocationIndicatorOptions: the names of 0..6.
std::optional<int> PasswordLocationIndicatorFromName(std::string_view name);
// The DTO value: the option name for 0..6, the number otherwise.
boost::json::value PasswordLocationIndicatorToDto(int value);

}  // namespace nmshd::transport
