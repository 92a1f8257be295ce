#pragma once
// @nmshd/iql 1.0.4's two entry points (src/index.ts), what the runtime calls:
//   validate(queryString) -> {isValid: true} | {isValid: false, error: {message, location}}
//   execute(queryString, attributes) -> ascending indices of the matching attributes
// The language, parser and evaluation are described in iql_parser.h and iql_evaluator.h.
#include <boost/json.hpp>
#include <cstddef>
#include <string_view>
#include <vector>

namespace nmshd::consumption::iql {

// IValidateResult as JSON, keys in the official order.
boost::json::object ValidateIql(std::string_view query);

// Throws CodedError error.consumption.iql.syntaxError (peggy's message) for an invalid query — the
// runtime validates the query before it executes it, so its callers never see this.
std::vector<std::size_t> ExecuteIql(std::string_view query, const std::vector<const boost::json::object*>& attributes);

}  // namespace nmshd::consumption::iql
