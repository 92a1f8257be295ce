#include "consumption/decider/request_config_matcher.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "base/coded_error.h"
#include "base/iso_date.h"
#include "base/js_json.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

constexpr std::string_view kItemPrefix = "content.item.";

[[noreturn]] void Invalid(const std::string& message) {
  throw CodedError("error.runtime.decide.invalidRequestConfig", message);
}

// typeof value === "object" in JavaScript (objects, arrays and null).
bool IsJsObject(const js::value& v) { return v.is_object() || v.is_array() || v.is_null(); }

// makeObjectsToStrings for a single value.
js::value Stringified(const js::value& v) { return IsJsObject(v) ? js::value(json::Stringify(v)) : v; }

// JavaScript `===` on JSON scalars (objects reach here only as their JSON text).
bool StrictEquals(const js::value& a, const js::value& b) {
  if (a.is_string() && b.is_string()) return a.get_string() == b.get_string();
  if (a.is_bool() && b.is_bool()) return a.get_bool() == b.get_bool();
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  return false;
}

// getNestedProperty: path.split(".").reduce((o, key) => o?.[key], object); nullopt is undefined.
std::optional<js::value> NestedProperty(const js::value& target, std::string_view path) {
  const js::value* current = &target;
  std::optional<js::value> length;  // an array's "length" is a value of its own
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    const std::string_view key = path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (current->is_object()) {
      current = current->get_object().if_contains(key);
    } else if (current->is_array()) {
      const auto& array = current->get_array();
      if (key == "length") {
        length = js::value(static_cast<std::int64_t>(array.size()));
        current = &*length;
      } else if (!key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
                 (key.size() == 1 || key[0] != '0') && key.size() < 19 && std::stoull(std::string(key)) < array.size()) {
        current = &array[std::stoull(std::string(key))];
      } else {
        current = nullptr;
      }
    } else {
      current = nullptr;  // a property of a string, number, boolean or null: undefined for our purposes
    }
    if (current == nullptr) return std::nullopt;
    if (dot == std::string_view::npos) return *current;
    start = dot + 1;
  }
}

// checkDateCompatibility: CoreDate comparisons; a date that does not parse compares false, as an
// invalid luxon DateTime does.
bool DateFits(std::string_view condition, std::string_view request_date) {
  try {
    const auto actual = ParseIso(request_date);
    if (condition.starts_with('>')) return actual > ParseIso(condition.substr(1));
    if (condition.starts_with('<')) return actual < ParseIso(condition.substr(1));
    return actual == ParseIso(condition);
  } catch (const CodedError&) {
    return false;
  }
}

bool DatesFit(const js::value& config, std::string_view request_date) {
  if (config.is_string()) return DateFits(config.get_string(), request_date);
  if (config.is_array()) {
    for (const auto& condition : config.get_array()) {
      // A non-string condition makes CoreDate.from throw in the official module.
      if (!condition.is_string()) Invalid("a date condition must be a string");
      if (!DateFits(condition.get_string(), request_date)) return false;
    }
    return true;
  }
  Invalid("a date condition must be a string or a list of strings");
}

bool PropertyFits(std::string_view property, const js::value& configured, const js::value& actual) {
  if (property.ends_with("tags") && configured.is_array() && actual.is_array()) {
    for (const auto& tag : configured.get_array()) {
      const auto wanted = Stringified(tag);
      for (const auto& present : actual.get_array()) {
        if (StrictEquals(wanted, present)) return true;
      }
    }
    return false;
  }
  if (property.ends_with("At")) {
    if (!actual.is_string()) Invalid("The RequestConfig property '" + std::string(property) + "' must be a string.");
    return DatesFit(configured, actual.get_string());
  }
  if (configured.is_array()) {
    if (!actual.is_string() && !IsJsObject(actual)) {
      Invalid("The RequestConfig property '" + std::string(property) + "' must be a string or an array of strings.");
    }
    const js::value wanted = actual.is_string() ? actual : js::value(json::Stringify(actual));
    for (const auto& option : configured.get_array()) {
      if (StrictEquals(Stringified(option), wanted)) return true;
    }
    return false;
  }
  // An array in the request becomes a fresh array in the official code, never === anything.
  if (actual.is_array()) return false;
  return StrictEquals(Stringified(configured), Stringified(actual));
}

}  // namespace

bool MatchesRequestConfig(const js::object& config_part, const js::value& target, bool target_is_item,
                          const std::function<bool()>& relationship_exists) {
  for (const auto& [key, configured] : config_part) {
    const std::string_view property = key;
    if (property == "relationshipAlreadyExists") {
      if (!configured.is_bool()) Invalid("The RelationshipRequestConfig 'relationshipAlreadyExists' must be a boolean value.");
      if (target_is_item) {
        Invalid("The RelationshipRequestConfig 'relationshipAlreadyExists' is compared to a RequestItem, but should be "
                "compared to a Request.");
      }
      if (relationship_exists() != configured.get_bool()) return false;
      continue;
    }
    const auto actual = NestedProperty(target, property);
    if (!actual) return false;
    if (!PropertyFits(property, configured, *actual)) return false;
  }
  return true;
}

js::object ItemPartOf(const js::object& request_config) {
  js::object out;
  for (const auto& [key, value] : request_config) {
    const std::string_view k = key;
    if (!k.starts_with(kItemPrefix)) continue;
    // substring(prefix.length).trim()
    auto rest = k.substr(kItemPrefix.size());
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.remove_suffix(1);
    out[rest] = value;
  }
  return out;
}

js::object GeneralPartOf(const js::object& request_config) {
  js::object out;
  for (const auto& [key, value] : request_config) {
    if (!std::string_view(key).starts_with(kItemPrefix)) out[key] = value;
  }
  return out;
}

}  // namespace nmshd::consumption
