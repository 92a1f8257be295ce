#include "storage/sqlite/sqlite_query_sql.h"

#include <algorithm>

#include "base/coded_error.h"

namespace nmshd::storage::sqlite {
namespace {

// SQL expressions for the JSON type ('text', 'integer', 'real', 'true', ...) and the SQL value of one
// JSON value: either a document field or one element of an array field (json_each row).
struct Access {
  std::string type;
  std::string value;
};

using Params = std::vector<boost::json::value>;

std::string EqualsPredicate(const Access& a, const boost::json::value& v, Params& params) {
  if (v.is_string()) {
    params.push_back(v);
    return "(" + a.type + " = 'text' AND " + a.value + " = ?)";
  }
  if (v.is_number()) {
    params.push_back(v);
    return "(" + a.type + " IN ('integer', 'real') AND " + a.value + " = ?)";
  }
  if (v.is_bool()) return "(" + a.type + (v.get_bool() ? " = 'true')" : " = 'false')");
  return "(" + a.type + " = 'null')";
}

std::string ComparisonSymbol(Operator op) {
  switch (op) {
    case Operator::kLess: return "<";
    case Operator::kGreater: return ">";
    case Operator::kLessOrEqual: return "<=";
    case Operator::kGreaterOrEqual: return ">=";
    default: throw CodedError("error.storage.invalidQuery", "not a comparison operator");
  }
}

// The predicate of a positive operator on one value.
std::string Predicate(const Condition& c, const Access& a, Params& params) {
  const auto& operands = c.operands();
  switch (c.op()) {
    case Operator::kEquals:
    case Operator::kNotEquals: return EqualsPredicate(a, operands.at(0), params);
    case Operator::kIn:
    case Operator::kNotIn: {
      if (operands.empty()) return "0";
      // Only strings: one "value IN (...)" that an index on the field answers with one probe per
      // operand (the OR chain below would make SQLite scan). Same matches: type text, equal text.
      if (std::all_of(operands.begin(), operands.end(), [](const boost::json::value& v) { return v.is_string(); })) {
        std::string sql = "(" + a.type + " = 'text' AND " + a.value + " IN (";
        for (std::size_t i = 0; i < operands.size(); ++i) {
          sql += i > 0 ? ", ?" : "?";
          params.push_back(operands[i]);
        }
        return sql + "))";
      }
      std::string sql = "(";
      for (std::size_t i = 0; i < operands.size(); ++i) {
        if (i > 0) sql += " OR ";
        sql += EqualsPredicate(a, operands[i], params);
      }
      return sql + ")";
    }
    case Operator::kStartsWith: {
      const auto& prefix = operands.at(0).as_string();
      if (prefix.empty()) return "(" + a.type + " = 'text')";
      params.push_back(prefix);
      params.push_back(prefix);
      return "(" + a.type + " = 'text' AND substr(" + a.value + ", 1, length(?)) = ?)";
    }
    case Operator::kEndsWith: {
      const auto& suffix = operands.at(0).as_string();
      if (suffix.empty()) return "(" + a.type + " = 'text')";
      params.push_back(suffix);
      params.push_back(suffix);
      params.push_back(suffix);
      return "(" + a.type + " = 'text' AND length(" + a.value + ") >= length(?) AND substr(" + a.value +
             ", -length(?)) = ?)";
    }
    case Operator::kRegex:
      params.push_back(operands.at(0));
      params.push_back(c.case_insensitive() ? 1 : 0);
      return "(" + a.type + " = 'text' AND nmshd_regexp(?, ?, " + a.value + "))";
    case Operator::kLess:
    case Operator::kGreater:
    case Operator::kLessOrEqual:
    case Operator::kGreaterOrEqual: {
      const auto& v = operands.at(0);
      params.push_back(v);
      const std::string types = v.is_string() ? " = 'text'" : " IN ('integer', 'real')";
      return "(" + a.type + types + " AND " + a.value + " " + ComparisonSymbol(c.op()) + " ?)";
    }
    case Operator::kExists:
    case Operator::kNotExists: break;
  }
  throw CodedError("error.storage.invalidQuery", "unknown operator");
}

std::string ConditionSql(const Condition& c, Params& params) {
  const std::string path = JsonPathLiteral(c.field());
  const Access field{"json_type(body, " + path + ")", "json_extract(body, " + path + ")"};
  switch (c.op()) {
    case Operator::kExists: return "(" + field.type + " IS NOT NULL)";
    case Operator::kNotExists: return "(" + field.type + " IS NULL)";
    default: break;
  }
  // MongoDB semantics: the field itself or any element of an array field.
  const Access element{"e.type", "e.value"};
  std::string positive = !c.matches_array_elements() ? Predicate(c, field, params) : "(" + Predicate(c, field, params) + " OR (" + field.type +
                         " = 'array' AND EXISTS (SELECT 1 FROM json_each(body, " + path + ") AS e WHERE " +
                         Predicate(c, element, params) + ")))";
  if (c.op() == Operator::kNotEquals || c.op() == Operator::kNotIn) {
    return "(NOT COALESCE(" + positive + ", 0))";
  }
  return positive;
}

}  // namespace

std::string JsonPathLiteral(const FieldPath& path) {
  std::string literal = "'$";
  for (const auto& segment : path.segments()) literal += ".\"" + segment + "\"";
  return literal + "'";
}

std::string IndexExpression(const FieldPath& path) { return "json_extract(body, " + JsonPathLiteral(path) + ")"; }

void AppendFilter(const Filter& filter, std::string& sql, std::vector<boost::json::value>& params) {
  for (const auto& condition : filter.conditions) sql += " AND " + ConditionSql(condition, params);
}

std::string OrderBy(const std::vector<SortKey>& sort) {
  std::string sql = " ORDER BY ";
  for (const auto& key : sort) {
    const std::string path = JsonPathLiteral(key.field);
    const char* dir = key.direction == SortDirection::kDescending ? " DESC" : " ASC";
    sql += "CASE json_type(body, " + path +
           ") WHEN 'integer' THEN 1 WHEN 'real' THEN 1 WHEN 'text' THEN 2 WHEN 'true' THEN 3 WHEN 'false' THEN 3 "
           "WHEN 'object' THEN 4 WHEN 'array' THEN 4 ELSE 0 END" +
           dir + ", json_extract(body, " + path + ")" + dir + ", ";
  }
  return sql + "id ASC";
}

}  // namespace nmshd::storage::sqlite
