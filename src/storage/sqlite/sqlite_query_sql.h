#pragma once
// Translates the query model (query.h) into SQLite SQL over the `documents` table, whose `body`
// column holds the document as JSON text. Values are read with the JSON1 functions json_type() and
// json_extract(); json_type() tells strings, numbers, booleans and null apart (json_extract alone maps
// true to 1 and a missing field to NULL). Path segments are double-quoted in the JSON path so keys
// like "@type" are taken literally. Operands are returned as positional '?' parameters in order.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "storage/query.h"

namespace nmshd::storage::sqlite {

// '$."a"."@type"' including the SQL single quotes (segments are validated, so no escaping is needed).
std::string JsonPathLiteral(const FieldPath& path);
// The expression expression indexes are built on; queries use the identical text so SQLite can use them.
std::string IndexExpression(const FieldPath& path);
// " AND (...)" for every condition of the filter; appends operands to `params`.
void AppendFilter(const Filter& filter, std::string& sql, std::vector<boost::json::value>& params);
// " ORDER BY ..." (always ends with the id tie-breaker).
std::string OrderBy(const std::vector<SortKey>& sort);

}  // namespace nmshd::storage::sqlite
