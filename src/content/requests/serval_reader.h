#pragma once
// ts-serval 2.0.14's Serializable.fromT / Parser.parseProperty / property setters, reduced to what
// the request, response, notification and relationship content classes of @nmshd/content 7.0.0
// use, so that each class below is written as its declaration list: one Reader call per decorated
// property, in the order ts-serval visits them (the class's own properties, then its base class's).
// Every check throws the ServalError ts-serval throws, with its exact message; the result is what
// toJSON() writes (keys sorted, "@type" first, undefined optionals omitted, nulls kept).
//
// Nested objects follow Parser.parseObject: a value with a truthy "@type" is built by
// Serializable.fromUnknown (the class registry, content_registry.h) and must be an instance of the
// declared type; one without is built by the declared class itself (a union or `Object` cannot,
// so those fail or become a JSONWrapper). A nested object keeps its "@type" in toJSON() unless it
// is exactly of its declared class.
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/text_patterns.h"

namespace nmshd::content::serval {

namespace js = boost::json;

// A custom validator of `@validate({customValidator})`: the reason, or nullopt when valid.
using CustomValidator = std::function<std::optional<std::string>(const js::value&)>;

// The `@validate({...})` options of a String property, written as a chain:
// StringRule().Optional().Max(200).
struct StringRule {
  bool optional = false;                // nullable
  std::optional<std::size_t> min;       // UTF-16 code units, as String.length counts
  std::optional<std::size_t> max;
  const TextPattern* pattern = nullptr;  // regExp
  std::vector<std::string_view> allowed_values;
  CustomValidator custom;

  StringRule& Optional() { optional = true; return *this; }
  StringRule& Min(std::size_t n) { min = n; return *this; }
  StringRule& Max(std::size_t n) { max = n; return *this; }
  StringRule& Pattern(const TextPattern* p) { pattern = p; return *this; }
  StringRule& AllowedValues(std::vector<std::string_view> v) { allowed_values = std::move(v); return *this; }
  StringRule& Custom(CustomValidator c) { custom = std::move(c); return *this; }
};

// The `@validate({...})` options of a Number property (min/max are minValue/maxValue).
struct NumberRule {
  bool optional = false;
  std::optional<double> min;
  std::optional<double> max;
  CustomValidator custom;

  NumberRule& Optional() { optional = true; return *this; }
  NumberRule& Min(double n) { min = n; return *this; }
  NumberRule& Max(double n) { max = n; return *this; }
  NumberRule& Custom(CustomValidator c) { custom = std::move(c); return *this; }
};

class Reader {
 public:
  // fromT's entry checks: null, undefined (nullptr) and non-objects fail with
  // "<cls>.from() :: Parameter must be an object - is '…'". An array is read as an object without
  // properties, as JavaScript does.
  Reader(std::string_view cls, const js::value* json);
  Reader(std::string_view cls, const js::value& json) : Reader(cls, &json) {}

  std::string_view cls() const { return cls_; }
  // The raw property, nullptr when the key is missing (undefined).
  const js::value* Get(std::string_view key) const;
  // The value already read for `key` (nullptr if not read or undefined).
  const js::value* Read(std::string_view key) const;

  void String(std::string_view key, const StringRule& rule = {});
  void Number(std::string_view key, const NumberRule& rule = {});
  void Boolean(std::string_view key, bool optional = false);
  // A property declared as `Object` without a union (e.g. metadata): objects and arrays are kept
  // as they are, other values become the JSONWrapper of their spread ({} or {"0":"a",…}).
  void Object(std::string_view key, bool optional);
  // `@serialize({any: true})`: kept as it is. `allowed_types` are ts-serval PrimitiveType names
  // ("String", "Number", "Boolean", "Array"); empty = any JSON value.
  void Any(std::string_view key, std::vector<std::string_view> allowed_types = {}, CustomValidator custom = {});
  void Id(std::string_view key, bool optional = false);       // CoreId
  void Address(std::string_view key, bool optional = false);  // CoreAddress
  void Date(std::string_view key, bool optional = false);     // CoreDate
  // A property declared as the content class `type` (Request, Response, IdentityAttribute, …).
  void Typed(std::string_view key, std::string_view type, bool optional = false);
  // `@serialize({unionTypes: [...]})`.
  void Union(std::string_view key, std::span<const std::string_view> types, bool optional = false);
  // `@serialize()` on an Array: items of any registered class ("to a Serializable").
  void SerializableArray(std::string_view key, CustomValidator custom = {});
  // `@serialize({type: T})` on an Array of content classes, CoreAddress included.
  void TypedArray(std::string_view key, std::string_view type, CustomValidator custom = {});
  // `@serialize({type: String})` on an Array.
  void StringArray(std::string_view key, bool optional, CustomValidator custom = {});

  // Sets an output property computed by the caller (e.g. a nested attribute already parsed).
  void Set(std::string_view key, js::value value);

  // toJSON(verbose = true): "@type" = cls, then the read properties sorted by key.
  js::object Finish() const;

 private:
  std::string cls_;
  const js::object* object_ = nullptr;
  js::object out_;
};

// The "may not be empty" validator of Request.items and the other non-empty arrays.
std::optional<std::string> NotEmpty(const js::value& v);

// A non-ServalError `Error` thrown by the official code (CoreDate's preFrom and toJSON): coded
// error.runtime.unknown, as the runtime reports an unexpected error.
[[noreturn]] void ThrowPlainError(std::string_view message);

}  // namespace nmshd::content::serval
