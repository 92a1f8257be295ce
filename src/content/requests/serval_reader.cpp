#include "content/requests/serval_reader.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/js_json.h"
#include "content/attribute_value.h"
#include "content/js_string.h"
#include "content/requests/content_registry.h"
#include "content/serval_error.h"

namespace nmshd::content::serval {
namespace {

// The JavaScript text of a number in threshold messages (`${descriptor.minValue}`).
std::string JsNumber(double d) { return json::Stringify(js::value(d)); }

// Parser.parseObject for one value declared as `declared` (a class name) or as one of `union_types`
// (non-empty for a union; then `declared` is only used in messages). `error_key` is the descriptor
// key in "Parsed object is not an instance …" (the property, or "items[]" for array items).
// Returns what serializeProperty writes for the instance.
js::value ParseObjectValue(std::string_view cls, std::string_view error_key, const js::value& raw,
                           std::string_view declared, std::span<const std::string_view> union_types) {
  if (raw.is_null()) return nullptr;
  std::string allowed;
  if (union_types.empty()) {
    allowed = declared;
  } else {
    allowed = "(";
    for (std::size_t i = 0; i < union_types.size(); ++i) {
      if (i > 0) allowed += "|";
      allowed += union_types[i];
    }
    allowed += ")";
  }
  auto not_instance = [&] {
    return ParsingError(cls, error_key, "Parsed object is not an instance of any allowed types " + allowed + ".");
  };
  auto matches = [&](std::string_view type) {
    if (union_types.empty()) return IsInstanceOf(type, declared);
    return std::any_of(union_types.begin(), union_types.end(),
                       [&](std::string_view t) { return IsInstanceOf(type, t); });
  };

  Instance instance;
  const js::value* type = raw.is_object() ? raw.get_object().if_contains("@type") : nullptr;
  if (type != nullptr && IsTruthy(*type)) {
    instance = FromUnknown(raw);
  } else if (!union_types.empty() || declared == "Object") {
    // Neither a union nor Object can build anything: Serializable.fromAny makes a JSONWrapper.
    throw not_instance();
  } else {
    instance = FromDeclared(declared, raw);
  }
  if (!matches(instance.type)) throw not_instance();
  // toJSON(verbose = false) for a value of exactly the declared class: no "@type".
  // ValueHints.toJSON() ignores `verbose` and always writes its "@type".
  if (union_types.empty() && instance.type == declared && declared != "ValueHints" && instance.json.is_object()) {
    // Rebuilt rather than erase()d: boost::json::object::erase moves the last key into the gap.
    js::object without_type;
    for (auto& [k, v] : instance.json.get_object()) {
      if (k != "@type") without_type[k] = std::move(v);
    }
    return without_type;
  }
  return std::move(instance.json);
}

std::string ItemError(std::size_t index, std::string_view target, const ServalError& e) {
  return "Item with index " + std::to_string(index) + " could not be deserialized to a " + std::string(target) +
         " (" + e.what() + ")";
}

}  // namespace

std::optional<std::string> NotEmpty(const js::value& v) {
  if (v.is_array() && v.get_array().empty()) return "may not be empty";
  return std::nullopt;
}

void ThrowPlainError(std::string_view message) {
  throw ServalError("error.runtime.unknown", std::string(message));
}

Reader::Reader(std::string_view cls, const js::value* json) : cls_(cls) {
  if (json == nullptr || (!json->is_object() && !json->is_array())) throw ParameterMustBeAnObject(cls, json);
  if (json->is_object()) object_ = &json->get_object();
}

const js::value* Reader::Get(std::string_view key) const { return object_ ? object_->if_contains(key) : nullptr; }

const js::value* Reader::Read(std::string_view key) const { return out_.if_contains(key); }

void Reader::Set(std::string_view key, js::value value) { out_[key] = std::move(value); }

// Parser.parseProperty's first steps, shared by every kind: a required property must be defined;
// an optional one may be missing. Returns nullptr when there is nothing more to read.
#define NMSHD_SERVAL_PREAMBLE(optional)                                                          \
  const js::value* raw = Get(key);                                                              \
  if (!(optional) && (raw == nullptr || raw->is_null())) throw ParsingError(cls_, key, "Value is not defined"); \
  if (raw == nullptr) return;

void Reader::String(std::string_view key, const StringRule& rule) {
  NMSHD_SERVAL_PREAMBLE(rule.optional)
  if (!raw->is_string()) throw ParsingError(cls_, key, "Value is not a string");
  const std::string_view text = raw->get_string();
  const std::size_t length = Utf16Length(text);
  if (rule.min && length < *rule.min) {
    throw ParsingError(cls_, key, "Value is shorter than " + std::to_string(*rule.min) + " characters");
  }
  if (rule.max && length > *rule.max) {
    throw ParsingError(cls_, key, "Value is longer than " + std::to_string(*rule.max) + " characters");
  }
  if (rule.pattern != nullptr && !rule.pattern->matches(text)) {
    throw ParsingError(cls_, key, "Value does not match regular expression " + std::string(rule.pattern->js));
  }
  if (!rule.allowed_values.empty() &&
      std::find(rule.allowed_values.begin(), rule.allowed_values.end(), text) == rule.allowed_values.end()) {
    throw ParsingError(cls_, key, "Value is not within the list of allowed values.");
  }
  if (rule.custom) {
    if (auto reason = rule.custom(*raw)) throw PropertyValidationError(cls_, key, "String", *reason);
  }
  out_[key] = *raw;
}

void Reader::Number(std::string_view key, const NumberRule& rule) {
  NMSHD_SERVAL_PREAMBLE(rule.optional)
  if (!raw->is_number()) throw ParsingError(cls_, key, "Value is not a number.");
  const double value = raw->to_number<double>();
  if (rule.min && value < *rule.min) throw ParsingError(cls_, key, "Value is below threshold of " + JsNumber(*rule.min));
  if (rule.max && value > *rule.max) throw ParsingError(cls_, key, "Value is above threshold of " + JsNumber(*rule.max));
  if (rule.custom) {
    if (auto reason = rule.custom(*raw)) throw PropertyValidationError(cls_, key, "Number", *reason);
  }
  out_[key] = *raw;
}

void Reader::Boolean(std::string_view key, bool optional) {
  NMSHD_SERVAL_PREAMBLE(optional)
  if (!raw->is_bool()) throw ParsingError(cls_, key, "Value is not a boolean");
  out_[key] = *raw;
}

void Reader::Object(std::string_view key, bool optional) {
  NMSHD_SERVAL_PREAMBLE(optional)
  // `value instanceof Object` holds for objects and arrays: they are kept, "@type" and all.
  if (raw->is_null() || raw->is_object() || raw->is_array()) {
    out_[key] = *raw;
    return;
  }
  out_[key] = JsonWrapper(*raw);
}

void Reader::Any(std::string_view key, std::vector<std::string_view> allowed_types, CustomValidator custom) {
  NMSHD_SERVAL_PREAMBLE(false)
  if (!allowed_types.empty()) {
    auto is = [&](std::string_view t) {
      if (t == "Array") return raw->is_array();
      if (t == "String") return raw->is_string();
      if (t == "Number") return raw->is_number();
      if (t == "Boolean") return raw->is_bool();
      return false;
    };
    if (std::none_of(allowed_types.begin(), allowed_types.end(), is)) {
      throw ParsingError(cls_, key, "Value is not an allowed type.");
    }
  }
  if (custom) {
    if (auto reason = custom(*raw)) throw PropertyValidationError(cls_, key, "Object", *reason);
  }
  out_[key] = *raw;
}

void Reader::Id(std::string_view key, bool optional) { Typed(key, "CoreId", optional); }
void Reader::Address(std::string_view key, bool optional) { Typed(key, "CoreAddress", optional); }
void Reader::Date(std::string_view key, bool optional) { Typed(key, "CoreDate", optional); }

void Reader::Typed(std::string_view key, std::string_view type, bool optional) {
  NMSHD_SERVAL_PREAMBLE(optional)
  out_[key] = ParseObjectValue(cls_, key, *raw, type, {});
}

void Reader::Union(std::string_view key, std::span<const std::string_view> types, bool optional) {
  NMSHD_SERVAL_PREAMBLE(optional)
  out_[key] = ParseObjectValue(cls_, key, *raw, "Object", types);
}

void Reader::SerializableArray(std::string_view key, CustomValidator custom) {
  NMSHD_SERVAL_PREAMBLE(false)
  if (!raw->is_array()) throw GeneralServalError("Value is not an Array.");
  js::array items;
  const auto& input = raw->get_array();
  for (std::size_t i = 0; i < input.size(); ++i) {
    try {
      const js::value& item = input[i];
      const js::value* type = item.is_object() ? item.get_object().if_contains("@type") : nullptr;
      if (item.is_null()) {
        items.emplace_back(nullptr);
      } else if (type != nullptr && IsTruthy(*type)) {
        items.push_back(FromUnknown(item).json);
      } else {
        items.push_back(JsonWrapper(item));
      }
    } catch (const ServalError& e) {
      throw ParsingError(cls_, key, ItemError(i, "Serializable", e), &e);
    }
  }
  if (custom) {
    if (auto reason = custom(items)) throw PropertyValidationError(cls_, key, "Array", *reason);
  }
  out_[key] = std::move(items);
}

void Reader::TypedArray(std::string_view key, std::string_view type, CustomValidator custom) {
  NMSHD_SERVAL_PREAMBLE(false)
  if (!raw->is_array()) throw GeneralServalError("Value is not an Array.");
  js::array items;
  const auto& input = raw->get_array();
  const std::string item_key = std::string(key) + "[]";
  for (std::size_t i = 0; i < input.size(); ++i) {
    try {
      items.push_back(ParseObjectValue(cls_, item_key, input[i], type, {}));
    } catch (const ServalError& e) {
      throw ParsingError(cls_, key, ItemError(i, type, e), &e);
    }
  }
  if (custom) {
    if (auto reason = custom(items)) throw PropertyValidationError(cls_, key, "Array", *reason);
  }
  out_[key] = std::move(items);
}

void Reader::StringArray(std::string_view key, bool optional, CustomValidator custom) {
  NMSHD_SERVAL_PREAMBLE(optional)
  // A null optional array reaches parseArray too.
  if (!raw->is_array()) throw GeneralServalError("Value is not an Array.");
  const std::string item_key = std::string(key) + "[]";
  const auto& input = raw->get_array();
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (!input[i].is_string()) {
      auto inner = ParsingError(cls_, item_key, "Value is not a string");
      throw ParsingError(cls_, key, ItemError(i, "String", inner), &inner);
    }
  }
  if (custom) {
    if (auto reason = custom(*raw)) throw PropertyValidationError(cls_, key, "Array", *reason);
  }
  out_[key] = *raw;
}

#undef NMSHD_SERVAL_PREAMBLE

js::object Reader::Finish() const {
  std::vector<std::string_view> keys;
  keys.reserve(out_.size());
  for (const auto& [k, v] : out_) keys.push_back(k);
  // JavaScript's default sort compares UTF-16 code units; our keys are ASCII.
  std::sort(keys.begin(), keys.end());
  js::object json;
  json["@type"] = cls_;
  for (auto k : keys) json[k] = out_.at(k);
  return json;
}

}  // namespace nmshd::content::serval
