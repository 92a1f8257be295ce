#pragma once
// The syntax tree of an IQL query (@nmshd/iql 1.0.4, src/grammar.peggy), one node per grammar rule
// whose action computes a match set:
//   Expr   a || b || …        -> kOr   (union of the children's matches)
//   Expr0  a && b && …        -> kAnd  (intersection)
//   Expr1  !a                 -> kNot  (all attributes minus a's matches)
//   PrimaryFieldTerm  Type, Type<pred>, Type.path<pred>   -> kPrimaryField (matches value.<…>)
//   MetadataFieldTerm path<pred>                          -> kMetadataField (matches the attribute's own fields)
//   TagTerm           #tag                                -> kTag
// Parentheses leave no node of their own.
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nmshd::consumption::iql {

// Predicate = [=><~] RHS / "?": the operator and the right-hand side after unescaping (UTF-8).
struct IqlPredicate {
  char op = '?';  // '=', '>', '<', '~' or '?'
  std::string rhs;
};

struct IqlNode {
  enum class Kind { kOr, kAnd, kNot, kPrimaryField, kMetadataField, kTag };
  Kind kind = Kind::kTag;
  std::vector<std::unique_ptr<IqlNode>> children;  // kOr, kAnd (two or more); kNot (one)
  std::string attribute_type;                      // kPrimaryField: the value's "@type"
  std::vector<std::string> path;                   // kPrimaryField: below "value"; kMetadataField: from the top
  std::optional<IqlPredicate> predicate;           // absent for a bare attribute type
  std::string tag;                                 // kTag
};

}  // namespace nmshd::consumption::iql
