#include "consumption/attributes/attribute_requests.h"

#include <algorithm>
#include <array>

#include "content/identity_value_schema.h"

namespace nmshd::consumption {
namespace {

namespace js = boost::json;

std::string At(std::string_view path, std::string_view message) {
  return path.empty() ? std::string(message) : std::string(path) + " " + std::string(message);
}

// The object at `path` with `required` and no other keys than `allowed`.
void CheckObject(const js::value& v, std::string_view path, std::initializer_list<std::string_view> required,
                 std::initializer_list<std::string_view> allowed) {
  if (!v.is_object()) throw InvalidPropertyValue(At(path, "must be object"));
  const auto& o = v.get_object();
  for (auto name : required) {
    if (!o.contains(name)) throw InvalidPropertyValue(At(path, "must have required property '" + std::string(name) + "'"));
  }
  for (const auto& [key, value] : o) {
    if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end()) {
      throw InvalidPropertyValue(At(path, "must NOT have additional properties"));
    }
  }
}

void CheckTags(const js::object& content, std::string_view content_path) {
  const auto* tags = content.if_contains("tags");
  if (tags == nullptr) return;
  const std::string path = std::string(content_path) + "/tags";
  if (!tags->is_array()) throw InvalidPropertyValue(path + " must be array");
  const auto& items = tags->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) throw InvalidPropertyValue(path + "/" + std::to_string(i) + " must be string");
  }
}

bool IsStringOrStringArray(const js::value& v) {
  if (v.is_string()) return true;
  if (!v.is_array()) return false;
  return std::all_of(v.get_array().begin(), v.get_array().end(), [](const js::value& i) { return i.is_string(); });
}

}  // namespace

CodedError InvalidPropertyValue(std::string message) {
  return CodedError("error.runtime.validation.invalidPropertyValue", message);
}

void CheckCreateOwnIdentityAttributeRequest(const js::value& request) {
  CheckObject(request, "", {"content"}, {"content"});
  const auto& content = request.at("content");
  CheckObject(content, "content", {"value"}, {"value", "tags"});
  CheckTags(content.get_object(), "content");
}

void CheckSucceedOwnIdentityAttributeRequest(const js::value& request) {
  CheckObject(request, "", {"predecessorId", "successorContent"}, {"predecessorId", "successorContent"});
  const auto& o = request.get_object();
  if (!o.at("predecessorId").is_string()) throw InvalidPropertyValue("predecessorId must be string");
  const auto& content = o.at("successorContent");
  CheckObject(content, "successorContent", {"value"}, {"value", "tags"});
  if (auto failure = content::CheckIdentityValueUnionSchema(content.at("value"), "successorContent/value")) {
    throw InvalidPropertyValue(*failure);
  }
  CheckTags(content.get_object(), "successorContent");
}

bool MatchesAttributeIdPattern(std::string_view id) {
  for (std::size_t start = id.find("ATT"); start != std::string_view::npos; start = id.find("ATT", start + 1)) {
    if (start + 20 > id.size()) return false;
    const auto tail = id.substr(start + 3, 17);
    if (std::all_of(tail.begin(), tail.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        })) {
      return true;
    }
  }
  return false;
}

void CheckAttributeIdRequest(std::string_view property, const std::string& id) {
  if (!MatchesAttributeIdPattern(id)) {
    throw InvalidPropertyValue(std::string(property) + " must match pattern ATT[A-Za-z0-9]{17}");
  }
}

js::object QueryObject(const QueryParameters& query) {
  js::object out;
  for (const auto& [key, value] : query) {
    auto* existing = out.if_contains(key);
    if (existing == nullptr) {
      out[key] = value;
    } else if (existing->is_array()) {
      existing->get_array().emplace_back(value);
    } else {
      *existing = js::array{*existing, js::value(value)};
    }
  }
  return out;
}

void CheckGetOwnIdentityAttributesQuery(const js::object& query) {
  static constexpr std::array<std::string_view, 5> kAllowed = {"createdAt", "wasViewedAt", "isDefault", "content.tags",
                                                               "content.value.@type"};
  for (const auto& [key, value] : query) {
    if (std::find(kAllowed.begin(), kAllowed.end(), std::string_view(key)) == kAllowed.end()) {
      throw InvalidPropertyValue("query must NOT have additional properties");
    }
  }
  for (auto key : kAllowed) {
    const auto* v = query.if_contains(key);
    if (v == nullptr) continue;
    const bool single_only = key == "createdAt" || key == "isDefault";
    if (single_only ? !v->is_string() : !IsStringOrStringArray(*v)) {
      throw InvalidPropertyValue("query/" + std::string(key) + " must be string");
    }
  }
}

}  // namespace nmshd::consumption
