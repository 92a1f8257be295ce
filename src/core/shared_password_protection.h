#pragma once
// SharedPasswordProtection of @nmshd/core-types 7.0.0: the password part of a truncated reference,
// "<type>&<salt>[&<passwordLocationIndicator>[&<password>]]".
//   type: "pw" or "pin4".."pin16"; salt: 16 bytes as standard base64 (with padding);
//   passwordLocationIndicator: integer 0..99 (PasswordLocationIndicatorOptions 0..6 are named,
//   other values are app-defined); password: the cleartext, only in device-onboarding references.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::core {

class SharedPasswordProtection {
 public:
  // Validates every field; codes: error.core.reference.invalidPasswordType,
  // error.core.reference.wrongSaltLength, error.core.reference.invalidPasswordLocationIndicator.
  SharedPasswordProtection(std::string password_type, std::vector<std::uint8_t> salt,
                           std::optional<int> password_location_indicator = std::nullopt,
                           std::optional<std::string> password = std::nullopt);

  // The inverse of Truncate(). Codes as the constructor plus
  // error.core.reference.invalidPasswordProtection (not 2..4 '&'-separated parts) and
  // error.core.reference.invalidSalt (not standard base64).
  static SharedPasswordProtection FromTruncated(std::string_view text);
  std::string Truncate() const;

  const std::string& password_type() const { return password_type_; }
  const std::vector<std::uint8_t>& salt() const { return salt_; }
  const std::optional<int>& password_location_indicator() const { return password_location_indicator_; }
  const std::optional<std::string>& password() const { return password_; }
  // 0 for "pw", else the PIN length 4..16.
  int pin_length() const;

  bool operator==(const SharedPasswordProtection&) const = default;

 private:
  std::string password_type_;
  std::vector<std::uint8_t> salt_;
  std::optional<int> password_location_indicator_;
  std::optional<std::string> password_;
};

}  // namespace nmshd::core
