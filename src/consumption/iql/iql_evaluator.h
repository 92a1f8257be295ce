#pragma once
// Evaluates a parsed IQL query over attribute contents as the actions of @nmshd/iql 1.0.4's
// grammar do: every term selects the indices of the matching attributes, "||" unites, "&&"
// intersects, "!" complements; the result is ascending. A term reads one field of each attribute
// (resolvePath: missing -> no match) and applies its predicate:
//   Type                 value["@type"] === Type
//   Type<pred>           value.value of attributes whose value["@type"] is Type
//   Type.a.b<pred>       value.a.b of attributes whose value["@type"] is Type
//   a.b<pred>            the attribute's own a.b (e.g. owner, tags)
//   #tag                 tags includes tag
//   =x  String(field) === x     >x / <x  new Date(field) >= / <= new Date(x)
//   ~x  field is an array that includes x     ?  field is set (non-empty for arrays and objects)
// Where JavaScript would throw a TypeError (a path through a JSON null), this throws CodedError
// error.runtime.unknown with the message the runtime's use case reports for it.
#include <boost/json.hpp>
#include <cstddef>
#include <vector>

#include "consumption/iql/iql_ast.h"

namespace nmshd::consumption::iql {

std::vector<std::size_t> EvaluateIql(const IqlNode& query, const std::vector<const boost::json::object*>& attributes);

}  // namespace nmshd::consumption::iql
