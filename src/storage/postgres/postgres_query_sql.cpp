#include "storage/postgres/postgres_query_sql.h"

#include "base/coded_error.h"
#include "base/js_json.h"

namespace nmshd::storage::postgres {
namespace {

// SQL for one JSON value: the jsonb itself, its jsonb_typeof() and its text form in "C" collation.
struct Access {
  std::string json;
  std::string type;
  std::string text;
};

using Params = std::vector<std::string>;

std::string AddParam(Params& params, std::string value) {
  params.push_back(std::move(value));
  return "$" + std::to_string(params.size());
}

std::string EqualsPredicate(const Access& a, const boost::json::value& v, Params& params) {
  if (v.is_string()) {
    return "(" + a.type + " = 'string' AND " + a.text + " = " + AddParam(params, std::string(v.get_string())) + ")";
  }
  if (v.is_number()) {
    return "(" + a.type + " = 'number' AND " + a.json + " = " + AddParam(params, nmshd::json::Stringify(v)) +
           "::jsonb)";
  }
  if (v.is_bool()) return "(" + a.type + " = 'boolean' AND " + a.json + (v.get_bool() ? " = 'true'::jsonb)" : " = 'false'::jsonb)");
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

std::string Predicate(const Condition& c, const Access& a, Params& params) {
  const auto& operands = c.operands();
  switch (c.op()) {
    case Operator::kEquals:
    case Operator::kNotEquals: return EqualsPredicate(a, operands.at(0), params);
    case Operator::kIn:
    case Operator::kNotIn: {
      if (operands.empty()) return "false";
      std::string sql = "(";
      for (std::size_t i = 0; i < operands.size(); ++i) {
        if (i > 0) sql += " OR ";
        sql += EqualsPredicate(a, operands[i], params);
      }
      return sql + ")";
    }
    case Operator::kStartsWith: {
      const std::string p = AddParam(params, std::string(operands.at(0).as_string()));
      return "(" + a.type + " = 'string' AND starts_with(" + a.text + ", " + p + "::text))";
    }
    case Operator::kEndsWith: {
      const std::string p = AddParam(params, std::string(operands.at(0).as_string()));
      return "(" + a.type + " = 'string' AND right(" + a.text + ", char_length(" + p + "::text)) = " + p + "::text)";
    }
    case Operator::kRegex: {
      const std::string p = AddParam(params, std::string(operands.at(0).as_string()));
      return "(" + a.type + " = 'string' AND " + a.text + (c.case_insensitive() ? " ~* " : " ~ ") + p + "::text)";
    }
    case Operator::kLess:
    case Operator::kGreater:
    case Operator::kLessOrEqual:
    case Operator::kGreaterOrEqual: {
      const auto& v = operands.at(0);
      const std::string symbol = ComparisonSymbol(c.op());
      if (v.is_string()) {
        return "(" + a.type + " = 'string' AND " + a.text + " " + symbol + " " +
               AddParam(params, std::string(v.get_string())) + ")";
      }
      return "(" + a.type + " = 'number' AND " + a.json + " " + symbol + " " +
             AddParam(params, nmshd::json::Stringify(v)) + "::jsonb)";
    }
    case Operator::kExists:
    case Operator::kNotExists: break;
  }
  throw CodedError("error.storage.invalidQuery", "unknown operator");
}

std::string ConditionSql(const Condition& c, Params& params) {
  const std::string path = PathLiteral(c.field());
  const Access field{"(body #> " + path + ")", "jsonb_typeof(body #> " + path + ")", IndexExpression(c.field())};
  switch (c.op()) {
    case Operator::kExists: return "(" + field.json + " IS NOT NULL)";
    case Operator::kNotExists: return "(" + field.json + " IS NULL)";
    default: break;
  }
  const Access element{"e.v", "jsonb_typeof(e.v)", "((e.v #>> '{}') COLLATE \"C\")"};
  // CASE guarantees jsonb_array_elements() only ever sees arrays (AND has no evaluation order).
  std::string positive = !c.matches_array_elements() ? Predicate(c, field, params) : "(" + Predicate(c, field, params) + " OR CASE WHEN " + field.type +
                         " = 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements" + "(body #> " + path +
                         ") AS e(v) WHERE " + Predicate(c, element, params) + ") ELSE false END)";
  if (c.op() == Operator::kNotEquals || c.op() == Operator::kNotIn) {
    return "(NOT COALESCE(" + positive + ", false))";
  }
  return positive;
}

}  // namespace

std::string PathLiteral(const FieldPath& path) {
  std::string literal = "'{";
  bool first = true;
  for (const auto& segment : path.segments()) {
    if (!first) literal += ",";
    literal += "\"" + segment + "\"";
    first = false;
  }
  return literal + "}'";
}

std::string IndexExpression(const FieldPath& path) { return "((body #>> " + PathLiteral(path) + ") COLLATE \"C\")"; }

void AppendFilter(const Filter& filter, std::string& sql, std::vector<std::string>& params) {
  for (const auto& condition : filter.conditions) sql += " AND " + ConditionSql(condition, params);
}

std::string OrderBy(const std::vector<SortKey>& sort) {
  std::string sql = " ORDER BY ";
  for (const auto& key : sort) {
    const std::string json = "(body #> " + PathLiteral(key.field) + ")";
    const std::string dir = key.direction == SortDirection::kDescending ? " DESC" : " ASC";
    sql += "CASE jsonb_typeof" + json +
           " WHEN 'number' THEN 1 WHEN 'string' THEN 2 WHEN 'boolean' THEN 3 WHEN 'object' THEN 4 "
           "WHEN 'array' THEN 4 ELSE 0 END" +
           dir + ", CASE WHEN jsonb_typeof" + json + " = 'number' THEN " + json + " END" + dir +
           ", CASE WHEN jsonb_typeof" + json + " <> 'number' THEN " + IndexExpression(key.field) + " END" + dir + ", ";
  }
  return sql + "id ASC";
}

}  // namespace nmshd::storage::postgres
