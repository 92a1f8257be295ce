#include "core/backbone_ids.h"

#include <algorithm>

#include "base/coded_error.h"

namespace nmshd::core {
namespace {

bool IsKnownPrefix(std::string_view prefix) {
  return std::find(backbone_ids::kAll.begin(), backbone_ids::kAll.end(), prefix) !=
         backbone_ids::kAll.end();
}

}  // namespace

std::string GenerateBackboneId(std::string_view prefix) {
  if (!IsKnownPrefix(prefix)) {
    throw CodedError("error.core.id.unknownPrefix",
                     "'" + std::string(prefix) + "' is not a Backbone id prefix");
  }
  return CoreIdFormat(prefix).Generate();
}

void ValidateBackboneId(std::string_view id, std::string_view prefix, std::string_view what) {
  CoreIdFormat(prefix).Validate(id, what);
}

bool IsBackboneId(std::string_view id, std::string_view prefix) noexcept {
  if (prefix.size() > 6) return false;
  return id.size() == kCoreIdLength && id.substr(0, prefix.size()) == prefix &&
         IsAlphanumericId(id);
}

std::string_view BackboneIdPrefixOf(std::string_view id) noexcept {
  if (!IsAlphanumericId(id)) return {};
  for (std::string_view prefix : backbone_ids::kAll) {
    if (id.substr(0, prefix.size()) == prefix) return prefix;
  }
  return {};
}

}  // namespace nmshd::core
