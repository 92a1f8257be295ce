#pragma once
// Ids of error envelopes: "ERR" + 17 random characters. The two official servers use different
// alphabets (both drop look-alike characters): the Connector's HttpErrorId has no 0/1/I/O, the
// Backbone's HttpErrorId has no 0/I/O but keeps 1.
#include <string>
#include <string_view>

namespace nmshd::core {

inline constexpr std::string_view kErrorIdPrefix = "ERR";
inline constexpr std::string_view kConnectorErrorIdAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
inline constexpr std::string_view kBackboneErrorIdAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ123456789";

std::string GenerateConnectorErrorId();
std::string GenerateBackboneErrorId();
bool IsConnectorErrorId(std::string_view id) noexcept;
bool IsBackboneErrorId(std::string_view id) noexcept;

}  // namespace nmshd::core
