#pragma once
// The IQL parser: a hand transcription of the parser peggy 5.0.6 generates from @nmshd/iql 1.0.4's
// grammar (dist/iql.gen.js) — the same alternatives in the same order, the same silent (named)
// rules, the same furthest-failure bookkeeping — so that a refused query gets the official message
// and location, character for character:
//   Expr   = Expr0 (_+ "||" _+ Expr0)*            Expr0 = Expr1 (_+ "&&" _+ Expr1)*
//   Expr1  = "!" Expr1 / Expr2                     Expr2 = "(" _+ Expr _+ ")" / Term
//   Term   = PrimaryFieldTerm / MetadataFieldTerm / TagTerm
//   PrimaryFieldTerm "primary field term" = AttributeType ("." PathSegment)+ Predicate
//                                         / AttributeType Predicate / AttributeType
//   MetadataFieldTerm "metadata field term" = PathSegment ("." PathSegment)* Predicate
//   TagTerm "tag term" = "#" PredicateRHS
//   Predicate = [=><~] PredicateRHS / "?"
//   PredicateRHS = "'" ("\\\\" / "\\'" / [^'\\])* "'" / ("\\\\" / "\\'" / [^'\\ ])*
//   PathSegment = [a-z][A-Za-z0-9]+     AttributeType "attribute type" = [A-Z][A-Za-z0-9]*
//   _ "whitespace" = [ \t\n\r]
// Input is UTF-8; the parser works on UTF-16 code units like the JavaScript original.
#include <memory>
#include <string_view>
#include <variant>

#include "consumption/iql/iql_ast.h"
#include "consumption/iql/iql_syntax_error.h"

namespace nmshd::consumption::iql {

using IqlParseResult = std::variant<std::unique_ptr<IqlNode>, IqlSyntaxError>;

IqlParseResult ParseIql(std::string_view utf8);

}  // namespace nmshd::consumption::iql
