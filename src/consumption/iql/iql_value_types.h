#pragma once
// Which attribute value types an IQL query can match at most, so that the store reads only the
// attributes of those types (by index) instead of all of them.
//
// Every IQL term is a predicate on one attribute, so evaluating a query over a subset of the
// attributes gives exactly the full result restricted to that subset (also under "!", whose
// complement is then taken within the subset). When all matches of the query have one of the value
// types returned here, evaluating it over just the attributes of those types gives the full result.
//   Type, Type<pred>, Type.path<pred>   {Type}
//   a && b                              the intersection of the operands that are confined
//   a || b                              the union, when every operand is confined
//   !a, #tag, metadata terms            not confined (nullopt)
#include <optional>
#include <set>
#include <string>

#include "consumption/iql/iql_ast.h"

namespace nmshd::consumption::iql {

// nullopt: any value type can match; an empty set: nothing can match.
std::optional<std::set<std::string>> MatchableValueTypes(const IqlNode& query);

}  // namespace nmshd::consumption::iql
