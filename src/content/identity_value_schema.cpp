#include "content/identity_value_schema.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "content/value_types.h"

namespace nmshd::content {
namespace {

namespace js = boost::json;

std::string At(std::string_view path, std::string_view message) {
  return path.empty() ? std::string(message) : std::string(path) + " " + std::string(message);
}

std::string Child(std::string_view path, std::string_view name) {
  return path.empty() ? std::string(name) : std::string(path) + "/" + std::string(name);
}

// ajv's message for a value that does not have the schema type (empty when it has it).
std::string TypeFailure(const std::string& path, SchemaType schema, const js::value& v) {
  switch (schema) {
    case SchemaType::kString:
      return v.is_string() ? "" : At(path, "must be string");
    case SchemaType::kNumber:
      return v.is_number() ? "" : At(path, "must be number");
    case SchemaType::kAny:
      return "";
    case SchemaType::kStringOrObject:
      return v.is_string() || v.is_object() ? "" : At(path, "must be string");
    case SchemaType::kArrayOfObjects: {
      if (!v.is_array()) return At(path, "must be array");
      const auto& items = v.get_array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i].is_object()) return At(path + "/" + std::to_string(i), "must be object");
      }
      return "";
    }
  }
  return "";
}

}  // namespace

std::optional<std::string> CheckValueSchema(const ValueType& type, const js::value& value, std::string_view path) {
  if (!value.is_object()) return At(path, "must be object");
  const auto& object = value.get_object();

  // required: "@type" and the required properties, sorted as the generated schemas list them.
  std::vector<std::string_view> required{"@type"};
  for (const auto& p : type.properties) {
    if (p.SchemaRequires()) required.push_back(p.name);
  }
  std::sort(required.begin(), required.end());
  for (auto name : required) {
    if (!object.contains(name)) return At(path, "must have required property '" + std::string(name) + "'");
  }

  for (const auto& [key, v] : object) {
    const bool known = key == "@type" || key == "@context" || key == "@version" || type.Find(key) != nullptr;
    if (!known) return At(path, "must NOT have additional properties");
  }

  const auto& at_type = object.at("@type");
  if (!at_type.is_string()) return At(Child(path, "@type"), "must be string");
  if (at_type.get_string() != type.name) return At(Child(path, "@type"), "must be equal to constant");
  for (std::string_view meta : {"@context", "@version"}) {
    if (const auto* v = object.if_contains(meta); v != nullptr && !v->is_string()) {
      return At(Child(path, meta), "must be string");
    }
  }
  std::vector<std::string_view> order = type.schema_order;
  if (order.empty()) {
    for (const auto& p : type.properties) order.push_back(p.name);
  }
  for (auto name : order) {
    const auto* v = object.if_contains(name);
    if (v == nullptr) continue;
    if (auto failure = TypeFailure(Child(path, name), type.Find(name)->schema, *v); !failure.empty()) return failure;
  }
  return std::nullopt;
}

std::optional<std::string> CheckIdentityValueSchema(const js::value& value) {
  const js::value* type = value.is_object() ? value.get_object().if_contains("@type") : nullptr;
  const ValueType* value_type = nullptr;
  if (type != nullptr && type->is_string()) value_type = FindValueType(type->get_string(), AttributeKind::kIdentity);
  if (value_type == nullptr) {
    return "content.value.@type must match one of the allowed Attribute value types for IdentityAttributes";
  }
  if (auto failure = CheckValueSchema(*value_type, value, "")) return std::string(value_type->name) + " :: " + *failure;
  return std::nullopt;
}

std::optional<std::string> CheckIdentityValueUnionSchema(const js::value& value, std::string_view path) {
  if (!CheckIdentityValueSchema(value)) return std::nullopt;
  return CheckValueSchema(*FindValueType("Affiliation"), value, path);
}

}  // namespace nmshd::content
