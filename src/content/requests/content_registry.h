#pragma once
// ts-serval's class registry as far as the content formats need it: Serializable.fromUnknown
// (build the class named by "@type"), `instanceof` along the class hierarchy, and building a value
// as a declared class when it has no "@type" (T.fromAny). Every class is a name, its base class and
// its reader; the readers live next to their classes (request_items.cpp, response_items.cpp, …).
#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace nmshd::content::serval {

namespace js = boost::json;

struct Instance {
  std::string type;  // the class built
  js::value json;    // its toJSON(verbose = true): an object with "@type", or a string (CoreId, …)
};

// Serializable.fromUnknown(value) for a value whose "@type" is truthy: "@type is not a string.",
// "Type 'X' with version N was not found within reflection classes. …" (the version read from a
// truthy "@version"), or the class's own errors.
Instance FromUnknown(const js::value& value);

// `instance instanceof base` for an instance of class `type` ("Serializable" matches every class).
bool IsInstanceOf(std::string_view type, std::string_view base);

// `T.fromAny(value)` for the declared class `type` (value without "@type").
Instance FromDeclared(std::string_view type, const js::value& value);

// What Serializable.fromAny makes of a value no class claims: a JSONWrapper of
// {...value} without "@type"/"@version" (strings spread to {"0":…}, numbers and booleans to {}).
js::value JsonWrapper(const js::value& value);

}  // namespace nmshd::content::serval
