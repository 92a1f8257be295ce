#include "content/attribute_tags.h"

#include <set>

#include "content/js_string.h"
#include "content/serval_error.h"

namespace nmshd::content {

std::optional<std::string> ValidateTags(const std::vector<std::string>& tags) {
  if (std::set<std::string>(tags.begin(), tags.end()).size() != tags.size()) return "The tags are not unique.";
  if (tags.size() > 20) return "The maximum number of tags is 20.";
  for (const auto& tag : tags) {
    if (Utf16Length(tag) > 250) return "The maximum length of a tag is 250 characters.";
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> ParseTags(std::string_view cls, const boost::json::value* raw) {
  if (raw == nullptr) return std::nullopt;
  if (!raw->is_array()) throw GeneralServalError("Value is not an Array.");
  std::vector<std::string> tags;
  const auto& items = raw->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) {
      const auto cause = ParsingError(cls, "tags[]", "Value is not a string");
      throw ParsingError(cls, "tags",
                         "Item with index " + std::to_string(i) + " could not be deserialized to a String (" +
                             cause.what() + ")",
                         &cause);
    }
    tags.emplace_back(items[i].get_string());
  }
  if (auto reason = ValidateTags(tags)) throw PropertyValidationError(cls, "tags", "Array", *reason);
  return tags;
}

boost::json::array TagsToJson(const std::vector<std::string>& tags) {
  boost::json::array out;
  for (const auto& t : tags) out.emplace_back(t);
  return out;
}

}  // namespace nmshd::content
