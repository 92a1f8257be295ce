#include "core/error_id.h"

#include <algorithm>

#include "core/core_id.h"
#include "crypto/random.h"

namespace nmshd::core {
namespace {

std::string Generate(std::string_view alphabet) {
  return std::string(kErrorIdPrefix) +
         crypto::RandomString(kCoreIdLength - kErrorIdPrefix.size(), alphabet);
}

bool Matches(std::string_view id, std::string_view alphabet) {
  return id.size() == kCoreIdLength && id.substr(0, kErrorIdPrefix.size()) == kErrorIdPrefix &&
         std::all_of(id.begin() + static_cast<std::ptrdiff_t>(kErrorIdPrefix.size()), id.end(),
                     [&](char c) { return alphabet.find(c) != std::string_view::npos; });
}

}  // namespace

std::string GenerateConnectorErrorId() { return Generate(kConnectorErrorIdAlphabet); }
std::string GenerateBackboneErrorId() { return Generate(kBackboneErrorIdAlphabet); }
bool IsConnectorErrorId(std::string_view id) noexcept { return Matches(id, kConnectorErrorIdAlphabet); }
bool IsBackboneErrorId(std::string_view id) noexcept { return Matches(id, kBackboneErrorIdAlphabet); }

}  // namespace nmshd::core
