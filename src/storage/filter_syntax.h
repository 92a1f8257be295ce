#pragma once
// The Connector's REST filter syntax (connector-surface.md §1.4), translated to the storage query
// model with the semantics of the official translator (@js-soft/docdb-querytranslator, whose output
// the runtime runs on MongoDB with $containsAny -> $in and $containsNone -> $nin):
//
//   ?foo=bar          Equals(foo, value(bar))
//   ?foo=!bar         NotEquals          (also matches documents without foo)
//   ?foo=             Exists
//   ?foo=!            NotExists
//   ?foo=>x  >=x  <x  <=x   Greater / GreaterOrEqual / Less / LessOrEqual (value(x))
//   ?foo=^x  $x  ~x   case-INSENSITIVE regex "^x" / "x$" / "x" (x is a regex, not escaped, as upstream)
//   ?foo=a&foo=b      In [value(a), value(b)]
//   ?foo=!a&foo=!b    NotIn [value(a), value(b)]
//   repeated keys mixing forms: plain items -> In, "!" items -> NotIn, the last >,>=,<,<= and the last
//   regex item each add one condition.
// value(s): "true"/"false" (any case) become booleans, numeric strings ("10", "-1.5", "1e3") numbers,
// everything else stays a string — so "2025-01-01" is a string and compares as an ISO date.
// A '=' right after an operator character is skipped ("!=x" is "!x", "~=x" is "~x"), as upstream.
// Keys: "foo[]" repeated is "foo"; "__proto__" and keys not matching the official key pattern
// ([A-Za-z_@][A-Za-z@0-9_-]* segments joined by '.') are ignored, like upstream; keys outside a
// non-empty whitelist are ignored too (the runtime rejects them earlier with 400 by JSON schema).
// Invalid regexes throw CodedError "error.storage.invalidRegex".
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/query.h"

namespace nmshd::storage {

// Decoded query-string parameters in URL order; a repeated key appears repeatedly.
using QueryParameters = std::vector<std::pair<std::string, std::string>>;

struct FilterSyntaxOptions {
  std::set<std::string> allowed_keys;          // empty: every key
  std::map<std::string, std::string> aliases;  // query key -> document field path
  // Document fields (after aliasing) that are never arrays: their conditions compare the field
  // itself (Condition::ScalarOnly), which an index on the field can answer. Only for fields this
  // program writes as scalars; a field a peer controls may be an array and keeps the array rule.
  std::set<std::string> scalar_fields;
};

Filter ParseRestFilter(const QueryParameters& parameters, const FilterSyntaxOptions& options = {});

// The official value conversion (string -> boolean / number / string).
boost::json::value ParseFilterValue(std::string_view text);

// Splits and percent-decodes a raw query string ("a=1&b=%21x", no leading '?') like Node's
// querystring (Express' "simple" parser): '+' is a space, malformed escapes stay literal, raw
// characters such as '^', '<', '[' are accepted. Never throws.
QueryParameters ParseQueryString(std::string_view query);

}  // namespace nmshd::storage
