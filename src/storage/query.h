#pragma once
// The storage query model: conditions on fields of JSON documents, independent of any database.
//
// A FieldPath addresses a member inside a document by dotted names ("content.value.@type"). Segments
// are object member names only (no array indices); characters are limited to [A-Za-z0-9_@$:-] so a
// path can be embedded safely in SQL JSON paths of every backend.
//
// Matching follows MongoDB's rules, because the official Connector runs its REST filters on MongoDB:
// * Comparisons are type-strict: a string operand only matches string values (compared by Unicode
//   code point / UTF-8 bytes, so ISO dates compare chronologically), a number operand only numbers
//   (numerically; 1 equals 1.0), a boolean only booleans, null only an explicit null.
// * If the addressed value is an array, a positive condition matches when the value itself or ANY
//   element matches (so Equals("tags", "a") matches {"tags":["a","b"]}).
// * Negations (NotEquals, NotIn) are the exact complement of their positive form: they also match
//   documents where the field is missing.
// * Exists matches any present value including null; NotExists matches missing fields only.
// * Regex is a search (unanchored) in Perl/ECMAScript syntax; patterns are validated when the
//   condition is built. SQLite evaluates them with Boost.Regex, PostgreSQL with its own ARE engine,
//   which agrees on the common syntax (classes, anchors, quantifiers, groups, alternation).
// All constructors validate and throw CodedError("error.storage.*") for bad input.
#include <boost/json.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::storage {

class FieldPath {
 public:
  // Throws CodedError "error.storage.invalidPath" naming the offending path.
  static FieldPath Parse(std::string_view dotted);

  const std::vector<std::string>& segments() const { return segments_; }
  const std::string& dotted() const { return dotted_; }
  bool operator==(const FieldPath& other) const { return dotted_ == other.dotted_; }

 private:
  std::vector<std::string> segments_;
  std::string dotted_;
};

enum class Operator {
  kEquals,
  kNotEquals,
  kExists,
  kNotExists,
  kStartsWith,
  kEndsWith,
  kRegex,
  kLess,
  kGreater,
  kLessOrEqual,
  kGreaterOrEqual,
  kIn,
  kNotIn,
};

// The MongoDB-style name of an operator ("$eq", "$ne", "$exists", ...), for messages and the JSON form.
std::string_view OperatorName(Operator op);

class Condition {
 public:
  // Operands must be scalars (string, number, bool, null); comparisons need a string or a number;
  // StartsWith/EndsWith need a string. Throws "error.storage.invalidQuery" otherwise.
  static Condition Equals(std::string_view path, boost::json::value operand);
  static Condition NotEquals(std::string_view path, boost::json::value operand);
  static Condition Exists(std::string_view path);
  static Condition NotExists(std::string_view path);
  static Condition StartsWith(std::string_view path, std::string prefix);
  static Condition EndsWith(std::string_view path, std::string suffix);
  // Throws "error.storage.invalidRegex" when the pattern does not compile.
  static Condition Regex(std::string_view path, std::string pattern, bool case_insensitive = false);
  static Condition Less(std::string_view path, boost::json::value operand);
  static Condition Greater(std::string_view path, boost::json::value operand);
  static Condition LessOrEqual(std::string_view path, boost::json::value operand);
  static Condition GreaterOrEqual(std::string_view path, boost::json::value operand);
  // An empty list is allowed: In matches nothing, NotIn everything.
  static Condition In(std::string_view path, std::vector<boost::json::value> operands);
  static Condition NotIn(std::string_view path, std::vector<boost::json::value> operands);

  // The same condition without the any-array-element rule: it then compares the field's own value
  // only, which lets backends answer it from an index on the field (the array rule needs a per-row
  // array scan). Use it for fields that are never arrays, e.g. in Backbone lookups.
  Condition ScalarOnly() const {
    Condition copy = *this;
    copy.array_elements_ = false;
    return copy;
  }
  bool matches_array_elements() const { return array_elements_; }

  const FieldPath& field() const { return field_; }
  Operator op() const { return op_; }
  // Exactly one operand except for Exists/NotExists (none) and In/NotIn (any number).
  const std::vector<boost::json::value>& operands() const { return operands_; }
  bool case_insensitive() const { return case_insensitive_; }

 private:
  static Condition Comparison(std::string_view path, Operator op, boost::json::value operand);
  Condition(FieldPath field, Operator op, std::vector<boost::json::value> operands, bool ci)
      : field_(std::move(field)), op_(op), operands_(std::move(operands)), case_insensitive_(ci) {}

  FieldPath field_;
  Operator op_;
  std::vector<boost::json::value> operands_;
  bool case_insensitive_ = false;
  bool array_elements_ = true;
};

// A conjunction: a document matches when it matches every condition (an empty filter matches all).
struct Filter {
  std::vector<Condition> conditions;

  Filter& Where(Condition c) {
    conditions.push_back(std::move(c));
    return *this;
  }
};

enum class SortDirection { kAscending, kDescending };

// Sort order across types (both backends): missing/null < numbers < strings < booleans < objects and
// arrays. Ties are broken by document id ascending so pages are stable.
struct SortKey {
  FieldPath field;
  SortDirection direction = SortDirection::kAscending;
};

struct Query {
  Filter filter;
  std::vector<SortKey> sort;
  std::optional<std::size_t> limit;
  std::size_t offset = 0;

  Query& Where(Condition c) {
    filter.Where(std::move(c));
    return *this;
  }
  Query& OrderBy(std::string_view path, SortDirection direction = SortDirection::kAscending);
  Query& Limit(std::size_t n) {
    limit = n;
    return *this;
  }
  Query& Offset(std::size_t n) {
    offset = n;
    return *this;
  }
};

}  // namespace nmshd::storage
