#pragma once
// The `tags` of IdentityAttribute and IdentityAttributeQuery (ts-serval: an optional array of
// strings, then IdentityAttribute.validateTags: unique, at most 20, each at most 250 characters).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::content {

// Parses `raw` (nullptr when the key is missing) as `cls`.tags. Throws ServalError:
// not an array -> "Value is not an Array." (error.runtime.servalError); an item not a string ->
// "<cls>.tags :: Item with index i could not be deserialized to a String (<cls>.tags[] :: …)"; the rules ->
// "<cls>.tags:Array :: The tags are not unique." and the like.
std::optional<std::vector<std::string>> ParseTags(std::string_view cls, const boost::json::value* raw);

// IdentityAttribute.validateTags: the reason, or nullopt.
std::optional<std::string> ValidateTags(const std::vector<std::string>& tags);

boost::json::array TagsToJson(const std::vector<std::string>& tags);

}  // namespace nmshd::content
