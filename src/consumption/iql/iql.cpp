#include "consumption/iql/iql.h"

#include "base/coded_error.h"
#include "consumption/iql/iql_evaluator.h"
#include "consumption/iql/iql_parser.h"

namespace nmshd::consumption::iql {

boost::json::object ValidateIql(std::string_view query) {
  auto parsed = ParseIql(query);
  if (const auto* error = std::get_if<IqlSyntaxError>(&parsed)) {
    return boost::json::object{{"isValid", false}, {"error", error->ToJson()}};
  }
  return boost::json::object{{"isValid", true}};
}

std::vector<std::size_t> ExecuteIql(std::string_view query, const std::vector<const boost::json::object*>& attributes) {
  auto parsed = ParseIql(query);
  if (const auto* error = std::get_if<IqlSyntaxError>(&parsed)) {
    throw CodedError("error.consumption.iql.syntaxError", error->message);
  }
  return EvaluateIql(*std::get<std::unique_ptr<IqlNode>>(parsed), attributes);
}

}  // namespace nmshd::consumption::iql
