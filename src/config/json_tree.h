#pragma once
// Tree operations on configuration objects, shared by every configuration layer: the nconf-style
// deep merge, setting a value at a key path, and reading a raw string the way nconf's
// `parseValues` does (JSON when it parses, else the string itself).
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::config {

// Merges `overlay` into `base`: objects merge key by key, recursively; any other overlay value
// (scalar, array, null) replaces what `base` had. Arrays are replaced whole, never concatenated, so
// a list given in a higher layer is the list in effect.
void DeepMerge(boost::json::object& base, const boost::json::object& overlay);

// Splits an nconf key ("a:b:c" or "a__b__c", mixed allowed) into its segments. Empty segments
// (e.g. "a::b", a trailing ":") are dropped, the way nconf's path split ignores them.
std::vector<std::string> SplitKeyPath(std::string_view key);

// Sets `value` at `path` inside `root`, creating objects on the way; a non-object met on the way
// is replaced by an object (the deeper, more specific key wins).
void SetAtPath(boost::json::object& root, const std::vector<std::string>& path,
               boost::json::value value);

// Returns the value at `path` or nullptr.
const boost::json::value* FindAtPath(const boost::json::object& root,
                                     const std::vector<std::string>& path);

// `true`, `8080`, `{"a":1}`, `["x"]`, `null` become JSON values; anything that does not parse as
// JSON (e.g. `http://host`, ``) stays a string.
boost::json::value ParseValueLikeNconf(std::string_view raw);

// "a.b.c" for messages.
std::string JoinPath(const std::vector<std::string>& path);

}  // namespace nmshd::config
