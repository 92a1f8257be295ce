#pragma once
// The syntax check of @nmshd/iql 1.0.4's validate() (IQLQuery.queryString), which runs the
// peggy-generated parser of the IQL grammar and reports where it failed:
//   Expr  = Expr0 (_+ "||" _+ Expr0)*        Expr0 = Expr1 (_+ "&&" _+ Expr1)*
//   Expr1 = "!" Expr1 / Expr2                 Expr2 = "(" _+ Expr _+ ")" / Term
//   Term  = AttributeType ("." PathSegment)+ Predicate / AttributeType Predicate / AttributeType
//         / PathSegment ("." PathSegment)* Predicate / "#" RHS
//   Predicate = [=><~] RHS / "?"     RHS = "'" ('\\' / "\'" / [^'\\])* "'" / ('\\' / "\'" / [^'\\ ])*
//   PathSegment = [a-z][A-Za-z0-9]+  AttributeType = [A-Z][A-Za-z0-9]*  _ = [ \t\n\r]
// The position is peggy's "furthest failure": only failures outside the named (silent) rules
// count, so a broken term is reported at its start.
#include <optional>
#include <string_view>

namespace nmshd::content {

// nullopt for a valid query; otherwise the 1-based column (UTF-16 code units since the last line
// feed) of the failure, what IQLQuery reports as "invalid IQL query at character offset <column>".
std::optional<std::size_t> IqlSyntaxErrorColumn(std::string_view utf8);

}  // namespace nmshd::content
