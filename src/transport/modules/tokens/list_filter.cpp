#include "transport/modules/tokens/list_filter.h"

#include "storage/filter_syntax.h"
#include "transport/modules/tokens/local_password_protection.h"

namespace nmshd::transport {

namespace {

constexpr std::string_view kPassword = "passwordProtection.password";
constexpr std::string_view kIsPin = "passwordProtection.passwordIsPin";
constexpr std::string_view kLocation = "passwordProtection.passwordLocationIndicator";

// PasswordProtectionMapper.mapSinglePasswordLocationIndicatorFromQuery.
int LocationFromQuery(const std::string& input) {
  const bool numeric = !input.empty() && input.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) return input.size() > 9 ? -1 : std::stoi(input);
  return PasswordLocationIndicatorFromName(input).value_or(-1);
}

std::vector<std::string> ValuesOf(const std::vector<std::pair<std::string, std::string>>& query, std::string_view key) {
  std::vector<std::string> values;
  for (const auto& [k, v] : query) {
    if (k == key) values.push_back(v);
  }
  return values;
}

}  // namespace

storage::Filter BuildListFilter(const std::vector<std::pair<std::string, std::string>>& query, bool templates,
                                std::optional<bool> is_own) {
  storage::FilterSyntaxOptions options;
  options.allowed_keys = {"isOwn", "createdAt", "expiresAt", "createdBy", "createdByDevice", "forIdentity",
                          "passwordProtection"};
  if (templates) options.allowed_keys.insert("maxNumberOfAllocations");
  storage::QueryParameters plain;
  for (const auto& entry : query) {
    // The owner restriction replaces any isOwn of the query (query.isOwn = … in the use case).
    if (is_own && entry.first == "isOwn") continue;
    if (options.allowed_keys.contains(entry.first)) plain.push_back(entry);
  }
  storage::Filter filter = storage::ParseRestFilter(plain, options);

  if (auto passwords = ValuesOf(query, kPassword); !passwords.empty()) {
    if (passwords.size() == 1) {
      filter.Where(storage::Condition::Equals(kPassword, boost::json::string(passwords.front())));
    } else {
      std::vector<boost::json::value> operands(passwords.begin(), passwords.end());
      filter.Where(storage::Condition::In(kPassword, std::move(operands)));
    }
  }
  if (auto pin = ValuesOf(query, kIsPin); !pin.empty()) {
    if (pin.front() == "true") {
      filter.Where(storage::Condition::Equals(kIsPin, true));
    } else {
      // passwordType "pw": protected, but not by a PIN.
      filter.Where(storage::Condition::Exists("passwordProtection"));
      filter.Where(storage::Condition::NotExists(kIsPin));
    }
  }
  if (auto locations = ValuesOf(query, kLocation); !locations.empty()) {
    std::vector<boost::json::value> numbers;
    for (const auto& l : locations) numbers.emplace_back(LocationFromQuery(l));
    if (numbers.size() == 1) {
      filter.Where(storage::Condition::Equals("_passwordLocationIndicator", numbers.front()));
    } else {
      filter.Where(storage::Condition::In("_passwordLocationIndicator", std::move(numbers)));
    }
  }
  if (is_own) filter.Where(storage::Condition::Equals("isOwn", *is_own));
  return filter;
}

}  // namespace nmshd::transport
