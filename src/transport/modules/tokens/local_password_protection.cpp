#include "transport/modules/tokens/local_password_protection.h"

#include <array>

#include "base/base64.h"
#include "base/js_json.h"
#include "transport/transmission/template_password.h"

namespace nmshd::transport {

namespace {

constexpr std::array<std::string_view, 7> kLocationNames = {"RecoveryKit", "Self",  "Letter", "RegistrationLetter",
                                                            "Email",       "SMS",   "Website"};

}  // namespace

std::optional<int> PasswordLocationIndicatorFromName(std::string_view name) {
  for (std::size_t i = 0; i < kLocationNames.size(); ++i) {
    if (kLocationNames[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

boost::json::value PasswordLocationIndicatorToDto(int value) {
  if (value >= 0 && value < static_cast<int>(kLocationNames.size())) return boost::json::string(kLocationNames[value]);
  return value;
}

std::optional<PasswordProtectionRequest> PasswordProtectionRequest::FromJson(const boost::json::value* json) {
  if (json == nullptr || !json->is_object()) return std::nullopt;
  const auto& o = json->as_object();
  PasswordProtectionRequest r;
  r.password = std::string(o.at("password").as_string());
  const auto* pin = json::Find(o, "passwordIsPin");
  r.password_type = pin != nullptr && pin->is_bool() && pin->as_bool() ? "pin" + std::to_string(r.password.size()) : "pw";
  if (const auto* location = json::Find(o, "passwordLocationIndicator")) {
    // request_checks admitted only an option name or an integer 50..99.
    r.location_indicator = location->is_string() ? PasswordLocationIndicatorFromName(location->as_string())
                                                 : std::optional<int>(location->to_number<int>());
  }
  return r;
}

LocalPasswordProtection LocalPasswordProtection::Create(const PasswordProtectionRequest& request) {
  return {request.password, request.password_type, GeneratePasswordSalt(), request.location_indicator};
}

LocalPasswordProtection LocalPasswordProtection::FromShared(const core::SharedPasswordProtection& shared,
                                                            std::string password) {
  return {std::move(password), shared.password_type(), shared.salt(), shared.password_location_indicator()};
}

bool LocalPasswordProtection::Matches(const std::optional<PasswordProtectionRequest>& request) const {
  return request && request->password_type == password_type && request->password == password &&
         request->location_indicator == location_indicator;
}

core::SharedPasswordProtection LocalPasswordProtection::ToShared() const {
  return core::SharedPasswordProtection(password_type, salt, location_indicator);
}

std::string LocalPasswordProtection::BackboneHash() const { return DerivePasswordHash(password, salt); }

boost::json::object LocalPasswordProtection::ToDto() const {
  boost::json::object o{{"password", password}};
  if (password_type.starts_with("pin")) o["passwordIsPin"] = true;
  if (location_indicator) o["passwordLocationIndicator"] = PasswordLocationIndicatorToDto(*location_indicator);
  return o;
}

boost::json::object LocalPasswordProtection::SecretPart() const {
  return {{"passwordType", password_type}, {"salt", base64::EncodeUrlNoPad(salt)}};
}

LocalPasswordProtection LocalPasswordProtection::FromStored(const boost::json::object& dto,
                                                            const boost::json::object& secret) {
  LocalPasswordProtection p;
  p.password = std::string(json::RequireString(dto, "password", "passwordProtection"));
  p.password_type = std::string(json::RequireString(secret, "passwordType", "passwordProtection"));
  p.salt = base64::DecodeUrlNoPad(json::RequireString(secret, "salt", "passwordProtection"));
  if (const auto* location = json::Find(dto, "passwordLocationIndicator")) {
    p.location_indicator = location->is_string() ? PasswordLocationIndicatorFromName(location->as_string())
                                                 : std::optional<int>(location->to_number<int>());
  }
  return p;
}

}  // namespace nmshd::transport
