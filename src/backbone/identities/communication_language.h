#pragma once
// Device communication languages: ISO 639-1 two-letter codes, the list of the official
// Devices.Domain CommunicationLanguage (default "en").
#include <string_view>

namespace nmshd::backbone::identities {

inline constexpr std::string_view kDefaultCommunicationLanguage = "en";

bool IsValidCommunicationLanguage(std::string_view code);
// Throws 400 error.platform.validation.invalidDeviceCommunicationLanguage.
void ValidateCommunicationLanguage(std::string_view code);

}  // namespace nmshd::backbone::identities
