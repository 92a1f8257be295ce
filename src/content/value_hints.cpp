#include "content/value_hints.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "base/js_json.h"
#include "content/attribute_value.h"
#include "content/js_string.h"
#include "content/serval_error.h"
#include "content/value_types.h"

namespace nmshd::content {
namespace {

namespace js = boost::json;

void RequireObjectParameter(std::string_view cls, const js::value& v) {
  if (!v.is_object() && !v.is_array()) throw ParameterMustBeAnObject(cls, &v);
}

const js::value* Member(const js::value& v, std::string_view key) {
  return v.is_object() ? v.get_object().if_contains(key) : nullptr;
}

std::optional<js::value> OptionalString(std::string_view cls, std::string_view name, const js::value* raw,
                                        std::size_t max_length) {
  if (raw == nullptr) return std::nullopt;
  if (!raw->is_string()) throw ParsingError(cls, name, "Value is not a string");
  if (Utf16Length(raw->get_string()) > max_length) {
    throw ParsingError(cls, name, "Value is longer than " + std::to_string(max_length) + " characters");
  }
  return *raw;
}

std::optional<js::value> OptionalNumber(std::string_view cls, std::string_view name, const js::value* raw) {
  if (raw == nullptr) return std::nullopt;
  if (!raw->is_number()) throw ParsingError(cls, name, "Value is not a number.");
  return *raw;
}

bool IsStringNumberOrBoolean(const js::value& v) { return v.is_string() || v.is_number() || v.is_bool(); }

// One ValueHintsValue {displayName, key}, written without "@type".
js::object ParseValuesItem(const js::value& item) {
  RequireObjectParameter("ValueHintsValue", item);
  const js::value* display_name = Member(item, "displayName");
  if (display_name == nullptr || display_name->is_null()) throw ParsingError("ValueHintsValue", "displayName", "Value is not defined");
  if (!display_name->is_string()) throw ParsingError("ValueHintsValue", "displayName", "Value is not a string");
  if (Utf16Length(display_name->get_string()) > 100) {
    throw ParsingError("ValueHintsValue", "displayName", "Value is longer than 100 characters");
  }
  const js::value* key = Member(item, "key");
  if (key == nullptr || key->is_null()) throw ParsingError("ValueHintsValue", "key", "Value is not defined");
  if (!IsStringNumberOrBoolean(*key)) throw ParsingError("ValueHintsValue", "key", "Value is not an allowed type.");
  if (key->is_string() && Utf16Length(key->get_string()) > 100) {
    throw PropertyValidationError("ValueHintsValue", "key", "Object", "The maximum length of a key is 200 characters.");
  }
  return js::object{{"displayName", *display_name}, {"key", *key}};
}

js::object ParseHints(std::string_view cls, const js::value& json, bool property_hints_always);

// `propertyHints`: each entry becomes a ValueHints. ts-serval reads a non-object through its
// JSONWrapper, whose only own property is `_value`.
js::object ParsePropertyHints(const js::value& raw) {
  js::object out;
  if (raw.is_object()) {
    for (const auto& [name, entry] : raw.get_object()) {
      RequireObjectParameter("ValueHints", entry);
      out[name] = ParseHints("ValueHints", entry, true);
    }
  } else if (raw.is_string() || raw.is_number() || raw.is_bool()) {
    out["_value"] = ParseHints("ValueHints", js::object{}, true);
  }
  return out;
}

// The properties shared by ValueHints and ValueHintsOverride, in ts-serval order.
js::object ParseHints(std::string_view cls, const js::value& json, bool property_hints_always) {
  std::vector<std::pair<std::string_view, js::value>> properties;
  auto keep = [&properties](std::string_view name, std::optional<js::value> v) {
    if (v) properties.emplace_back(name, std::move(*v));
  };
  keep("editHelp", OptionalString(cls, "editHelp", Member(json, "editHelp"), 500));
  keep("min", OptionalNumber(cls, "min", Member(json, "min")));
  keep("max", OptionalNumber(cls, "max", Member(json, "max")));
  keep("pattern", OptionalString(cls, "pattern", Member(json, "pattern"), 1000));
  if (const auto* values = Member(json, "values")) {
    if (!values->is_array()) throw GeneralServalError("Value is not an Array.");
    js::array items;
    for (std::size_t i = 0; i < values->get_array().size(); ++i) {
      try {
        items.push_back(ParseValuesItem(values->get_array()[i]));
      } catch (const ServalError& e) {
        throw ParsingError(cls, "values",
                           "Item with index " + std::to_string(i) + " could not be deserialized to a ValueHintsValue (" +
                               e.what() + ")",
                           &e);
      }
    }
    properties.emplace_back("values", std::move(items));
  }
  if (const auto* default_value = Member(json, "defaultValue")) {
    if (!IsStringNumberOrBoolean(*default_value)) throw ParsingError(cls, "defaultValue", "Value is not an allowed type.");
    properties.emplace_back("defaultValue", *default_value);
  }
  const auto* property_hints = Member(json, "propertyHints");
  if (property_hints != nullptr || property_hints_always) {
    properties.emplace_back("propertyHints",
                            property_hints != nullptr ? ParsePropertyHints(*property_hints) : js::object{});
  }
  std::sort(properties.begin(), properties.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  js::object out;
  out["@type"] = cls;
  for (auto& [name, value] : properties) out[name] = std::move(value);
  return out;
}

}  // namespace

js::object ParseValueHintsOverride(const js::value& json, std::string_view owner_class, std::string_view owner_property) {
  if (const auto* type = Member(json, "@type"); type != nullptr && IsTruthy(*type)) {
    if (!type->is_string()) throw GeneralServalError("@type is not a string.");
    if (!IsKnownAttributeClass(type->get_string())) throw UnknownTypeError(type->get_string());
    if (type->get_string() != "ValueHintsOverride") {
      throw ParsingError(owner_class, owner_property,
                         "Parsed object is not an instance of any allowed types ValueHintsOverride.");
    }
  }
  RequireObjectParameter("ValueHintsOverride", json);
  js::object out = ParseHints("ValueHintsOverride", json, false);
  // ValueHintsOverride.toJSON writes propertyHints after the sorted properties when it had none.
  if (!out.contains("propertyHints")) out["propertyHints"] = js::object{};
  return out;
}

js::object ParseValueHints(const js::value& json) {
  RequireObjectParameter("ValueHints", json);
  return ParseHints("ValueHints", json, true);
}

}  // namespace nmshd::content
