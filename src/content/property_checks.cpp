#include "content/property_checks.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "base/js_json.h"
#include "content/bank_account_checks.h"
#include "content/code_lists.h"
#include "content/js_string.h"

namespace nmshd::content::checks {
namespace {

std::optional<std::string> OneOf(const boost::json::value& v, std::span<const std::string_view> allowed) {
  if (v.is_string() && std::find(allowed.begin(), allowed.end(), std::string_view(v.get_string())) != allowed.end()) {
    return std::nullopt;
  }
  return "must be one of: " + JoinedWithCommas(allowed);
}

double NumberOf(const boost::json::value& v) { return v.to_number<double>(); }

std::optional<std::string> IntegerBetween(const boost::json::value& v, double low, double high,
                                          const std::string& reason) {
  if (!IsInteger(v) || NumberOf(v) < low || NumberOf(v) > high) return reason;
  return std::nullopt;
}

std::optional<std::string> StringifiedAtMost(const boost::json::value& v, std::size_t limit) {
  if (Utf16Length(json::Stringify(v)) > limit) {
    return "stringified value must not be longer than " + std::to_string(limit) + " characters";
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 3> kSexes = {"intersex", "female", "male"};
constexpr std::array<std::string_view, 8> kMaritalStatuses = {
    "single", "married", "separated", "divorced", "widowed", "civilPartnership", "civilPartnershipDissolved",
    "civilPartnerDeceased"};
constexpr std::array<std::string_view, 3> kConfidentialities = {"public", "private", "protected"};

}  // namespace

bool IsInteger(const boost::json::value& v) {
  if (v.is_int64() || v.is_uint64()) return true;
  if (!v.is_double()) return false;
  const double d = v.get_double();
  return std::isfinite(d) && std::trunc(d) == d;
}

std::optional<std::string> Country(const boost::json::value& v) { return OneOf(v, CountryAlpha2Codes()); }
std::optional<std::string> Language(const boost::json::value& v) { return OneOf(v, LanguageIso639Codes()); }
std::optional<std::string> Sex(const boost::json::value& v) { return OneOf(v, kSexes); }
std::optional<std::string> MaritalStatus(const boost::json::value& v) { return OneOf(v, kMaritalStatuses); }
std::optional<std::string> Confidentiality(const boost::json::value& v) { return OneOf(v, kConfidentialities); }

std::optional<std::string> Integer(const boost::json::value& v) {
  if (!IsInteger(v)) return "must be an integer";
  return std::nullopt;
}

std::optional<std::string> Day(const boost::json::value& v) {
  return IntegerBetween(v, 1, 31, "must be an integer value between 1 and 31");
}
std::optional<std::string> Month(const boost::json::value& v) {
  return IntegerBetween(v, 1, 12, "must be an integer value between 1 and 12");
}
std::optional<std::string> Year(const boost::json::value& v) {
  return IntegerBetween(v, 1, 9999, "must be an integer value between 1 and 9999");
}

std::optional<std::string> Iban(const boost::json::value& v) {
  if (v.is_string() && IsValidIban(v.get_string())) return std::nullopt;
  return "invalid IBAN";
}

std::optional<std::string> Bic(const boost::json::value& v) {
  if (v.is_string() && IsValidBic(v.get_string())) return std::nullopt;
  return "invalid BIC";
}

std::optional<std::string> JsonUpTo4096(const boost::json::value& v) { return StringifiedAtMost(v, 4096); }
std::optional<std::string> JsonUpTo50MiB(const boost::json::value& v) { return StringifiedAtMost(v, 52428800); }

}  // namespace nmshd::content::checks
