#include "storage/query.h"

#include <cmath>

#include "base/coded_error.h"
#include "storage/regex_matcher.h"

namespace nmshd::storage {
namespace {

constexpr std::size_t kMaxSegments = 32;
constexpr std::size_t kMaxSegmentLength = 128;

bool IsSegmentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '@' ||
         c == '$' || c == ':' || c == '-';
}

[[noreturn]] void InvalidPath(std::string_view dotted, const std::string& why) {
  throw CodedError("error.storage.invalidPath", "invalid field path '" + std::string(dotted) + "': " + why);
}

bool IsFinite(const boost::json::value& v) { return !v.is_double() || std::isfinite(v.get_double()); }

bool IsScalar(const boost::json::value& v) {
  return (v.is_string() || v.is_number() || v.is_bool() || v.is_null()) && IsFinite(v);
}

void RequireScalar(const FieldPath& field, Operator op, const boost::json::value& v) {
  if (!IsScalar(v)) {
    throw CodedError("error.storage.invalidQuery", std::string(OperatorName(op)) + " on '" + field.dotted() +
                                                       "' needs a string, number, boolean or null operand");
  }
}

}  // namespace

FieldPath FieldPath::Parse(std::string_view dotted) {
  FieldPath path;
  if (dotted.empty()) InvalidPath(dotted, "empty");
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    const std::string_view segment =
        dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (segment.empty()) InvalidPath(dotted, "empty segment");
    if (segment.size() > kMaxSegmentLength) InvalidPath(dotted, "segment longer than 128 characters");
    for (char c : segment) {
      if (!IsSegmentChar(c)) InvalidPath(dotted, "character not allowed in a segment (allowed: A-Z a-z 0-9 _ @ $ : -)");
    }
    path.segments_.emplace_back(segment);
    if (path.segments_.size() > kMaxSegments) InvalidPath(dotted, "more than 32 segments");
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  path.dotted_ = std::string(dotted);
  return path;
}

std::string_view OperatorName(Operator op) {
  switch (op) {
    case Operator::kEquals: return "$eq";
    case Operator::kNotEquals: return "$ne";
    case Operator::kExists: return "$exists";
    case Operator::kNotExists: return "$notExists";
    case Operator::kStartsWith: return "$startsWith";
    case Operator::kEndsWith: return "$endsWith";
    case Operator::kRegex: return "$regex";
    case Operator::kLess: return "$lt";
    case Operator::kGreater: return "$gt";
    case Operator::kLessOrEqual: return "$lte";
    case Operator::kGreaterOrEqual: return "$gte";
    case Operator::kIn: return "$in";
    case Operator::kNotIn: return "$nin";
  }
  return "?";
}

Condition Condition::Equals(std::string_view path, boost::json::value operand) {
  auto field = FieldPath::Parse(path);
  RequireScalar(field, Operator::kEquals, operand);
  return Condition(std::move(field), Operator::kEquals, {std::move(operand)}, false);
}

Condition Condition::NotEquals(std::string_view path, boost::json::value operand) {
  auto field = FieldPath::Parse(path);
  RequireScalar(field, Operator::kNotEquals, operand);
  return Condition(std::move(field), Operator::kNotEquals, {std::move(operand)}, false);
}

Condition Condition::Exists(std::string_view path) {
  return Condition(FieldPath::Parse(path), Operator::kExists, {}, false);
}

Condition Condition::NotExists(std::string_view path) {
  return Condition(FieldPath::Parse(path), Operator::kNotExists, {}, false);
}

Condition Condition::StartsWith(std::string_view path, std::string prefix) {
  return Condition(FieldPath::Parse(path), Operator::kStartsWith, {boost::json::value(prefix)}, false);
}

Condition Condition::EndsWith(std::string_view path, std::string suffix) {
  return Condition(FieldPath::Parse(path), Operator::kEndsWith, {boost::json::value(suffix)}, false);
}

Condition Condition::Regex(std::string_view path, std::string pattern, bool case_insensitive) {
  auto field = FieldPath::Parse(path);
  RegexMatcher validate(pattern, case_insensitive);  // throws error.storage.invalidRegex
  return Condition(std::move(field), Operator::kRegex, {boost::json::value(pattern)}, case_insensitive);
}

Condition Condition::Less(std::string_view path, boost::json::value operand) {
  return Comparison(path, Operator::kLess, std::move(operand));
}
Condition Condition::Greater(std::string_view path, boost::json::value operand) {
  return Comparison(path, Operator::kGreater, std::move(operand));
}
Condition Condition::LessOrEqual(std::string_view path, boost::json::value operand) {
  return Comparison(path, Operator::kLessOrEqual, std::move(operand));
}
Condition Condition::GreaterOrEqual(std::string_view path, boost::json::value operand) {
  return Comparison(path, Operator::kGreaterOrEqual, std::move(operand));
}

Condition Condition::In(std::string_view path, std::vector<boost::json::value> operands) {
  auto field = FieldPath::Parse(path);
  for (const auto& v : operands) RequireScalar(field, Operator::kIn, v);
  return Condition(std::move(field), Operator::kIn, std::move(operands), false);
}

Condition Condition::NotIn(std::string_view path, std::vector<boost::json::value> operands) {
  auto field = FieldPath::Parse(path);
  for (const auto& v : operands) RequireScalar(field, Operator::kNotIn, v);
  return Condition(std::move(field), Operator::kNotIn, std::move(operands), false);
}

Condition Condition::Comparison(std::string_view path, Operator op, boost::json::value operand) {
  auto field = FieldPath::Parse(path);
  if ((!operand.is_string() && !operand.is_number()) || !IsFinite(operand)) {
    throw CodedError("error.storage.invalidQuery",
                     std::string(OperatorName(op)) + " on '" + field.dotted() + "' needs a string or number operand");
  }
  return Condition(std::move(field), op, {std::move(operand)}, false);
}

Query& Query::OrderBy(std::string_view path, SortDirection direction) {
  sort.push_back(SortKey{FieldPath::Parse(path), direction});
  return *this;
}

}  // namespace nmshd::storage
