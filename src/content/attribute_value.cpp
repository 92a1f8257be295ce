#include "content/attribute_value.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "base/js_json.h"
#include "content/js_string.h"
#include "content/serval_error.h"
#include "content/value_hints.h"
#include "content/value_types.h"

namespace nmshd::content {
namespace {

namespace js = boost::json;

std::string_view DesignType(PropertyKind kind) {
  switch (kind) {
    case PropertyKind::kString: return "String";
    case PropertyKind::kNumber: return "Number";
    case PropertyKind::kBoolean: return "Boolean";
    default: return "Object";
  }
}

// Parser.parseProperty + the property setter's Validator.checkProperty for one primitive property:
// `cls`.`name` in messages. `raw` is nullptr when the key is missing. Returns the value to keep,
// or nullopt when an optional property is absent.
std::optional<js::value> CheckProperty(std::string_view cls, std::string_view name, const ValueProperty& p,
                                       const js::value* raw, bool optional) {
  if (raw == nullptr || raw->is_null()) {
    if (!optional) throw ParsingError(cls, name, "Value is not defined");
    if (raw == nullptr) return std::nullopt;
  }
  const js::value& v = *raw;
  switch (p.kind) {
    case PropertyKind::kString: {
      if (!v.is_string()) throw ParsingError(cls, name, "Value is not a string");
      const auto length = Utf16Length(v.get_string());
      if (p.min_length && length < *p.min_length) {
        throw ParsingError(cls, name, "Value is shorter than " + std::to_string(*p.min_length) + " characters");
      }
      if (p.max_length && length > *p.max_length) {
        throw ParsingError(cls, name, "Value is longer than " + std::to_string(*p.max_length) + " characters");
      }
      if (p.pattern != nullptr && !p.pattern->matches(v.get_string())) {
        throw ParsingError(cls, name, "Value does not match regular expression " + std::string(p.pattern->js));
      }
      break;
    }
    case PropertyKind::kNumber:
      if (!v.is_number()) throw ParsingError(cls, name, "Value is not a number.");
      break;
    case PropertyKind::kBoolean:
      if (!v.is_bool()) throw ParsingError(cls, name, "Value is not a boolean");
      break;
    case PropertyKind::kAnyJson:
      if (v.is_null()) return v;  // an optional any-property keeps its null
      break;
    case PropertyKind::kValueHintsOverride:
      if (v.is_null()) return v;  // parseObject returns null for null
      return js::value(ParseValueHintsOverride(v, cls, name));
  }
  if (p.custom != nullptr) {
    if (auto reason = p.custom(v)) throw PropertyValidationError(cls, name, DesignType(p.kind), *reason);
  }
  return v;
}

// A component property (StreetAddress.street is a Street): the raw JSON may be the inner value
// or the component object ({"value": …}, optionally with its @type).
std::optional<js::value> CheckComponent(const ValueType& owner, const ValueProperty& p, const js::value* raw) {
  if (raw == nullptr || raw->is_null()) {
    if (!p.optional) throw ParsingError(owner.name, p.name, "Value is not defined");
    if (raw == nullptr) return std::nullopt;
    return js::value(nullptr);  // an optional component given as null stays null (serialized as null)
  }
  const js::value* inner = raw;
  if (raw->is_object()) {
    const auto& object = raw->get_object();
    if (const auto* type = object.if_contains("@type"); type != nullptr && IsTruthy(*type)) {
      if (!type->is_string() || type->get_string() != p.component) {
        throw ParsingError(owner.name, p.name,
                           "Parsed object is not an instance of any allowed types " + std::string(p.component) + ".");
      }
    }
    inner = object.if_contains("value");
  } else if (raw->is_array()) {
    inner = nullptr;  // an array has no `value`
  }
  return CheckProperty(p.component, "value", p, inner, false);
}

}  // namespace

bool IsTruthy(const js::value& v) {
  if (v.is_null()) return false;
  if (v.is_bool()) return v.get_bool();
  if (v.is_string()) return !v.get_string().empty();
  if (v.is_number()) return v.to_number<double>() != 0.0;
  return true;
}

js::object ParseValueOfType(const ValueType& type, const js::object& object) {
  std::vector<std::pair<std::string_view, js::value>> properties;
  for (const auto& p : type.properties) {
    const js::value* raw = object.if_contains(p.name);
    auto kept = p.component.empty() ? CheckProperty(type.name, p.name, p, raw, p.optional) : CheckComponent(type, p, raw);
    if (kept) properties.emplace_back(p.name, std::move(*kept));
  }
  // SerializableBase.toJSON sorts the keys (all attribute keys are ASCII, so byte order is
  // JavaScript's code-unit order).
  std::sort(properties.begin(), properties.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  js::object json;
  json["@type"] = type.name;
  for (auto& [name, value] : properties) json[name] = std::move(value);
  if (type.post_check != nullptr) type.post_check(json);
  return json;
}

AttributeValue AttributeValue::Parse(const js::value& json, AttributeKind kind, std::string_view owner_class) {
  if (json.is_null()) throw ParsingError(owner_class, "value", "Value is not defined");
  const std::string not_an_instance = "Parsed object is not an instance of any allowed types " + UnionTypeList(kind) + ".";
  const js::value* type = json.is_object() ? json.get_object().if_contains("@type") : nullptr;
  // Without a (truthy) @type ts-serval wraps the JSON in a JSONWrapper, which is none of the types.
  if (type == nullptr || !IsTruthy(*type)) throw ParsingError(owner_class, "value", not_an_instance);
  if (!type->is_string()) throw GeneralServalError("@type is not a string.");
  const std::string_view name = type->get_string();
  if (const auto* version = json.get_object().if_contains("@version"); version != nullptr && IsTruthy(*version)) {
    // parseInt(@version): only version 1 exists.
    const std::string text = version->is_string() ? std::string(version->get_string()) : json::Stringify(*version);
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    const std::string parsed = digits == 0 ? "NaN" : std::to_string(std::stoll(text.substr(0, std::min<std::size_t>(digits, 18))));
    if (parsed != "1") throw UnknownTypeError(name, parsed);
  }
  const ValueType* value_type = FindValueType(name, kind);
  if (value_type == nullptr) {
    if (!IsKnownAttributeClass(name)) throw UnknownTypeError(name);
    throw ParsingError(owner_class, "value", not_an_instance);
  }
  return AttributeValue(*value_type, ParseValueOfType(*value_type, json.get_object()));
}

}  // namespace nmshd::content
