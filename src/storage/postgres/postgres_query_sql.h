#pragma once
// Translates the query model (query.h) into PostgreSQL SQL over the `documents` table, whose `body`
// column is jsonb. Strings are compared as `(body #>> path) COLLATE "C"` (byte order, like SQLite and
// independent of the cluster's locale), numbers as jsonb (numeric order), types via jsonb_typeof().
// Operands become $n text parameters; numbers/booleans are passed as JSON text and cast to jsonb.
#include <string>
#include <vector>

#include "storage/query.h"

namespace nmshd::storage::postgres {

// '{"a","@type"}' including the SQL single quotes.
std::string PathLiteral(const FieldPath& path);
// The expression expression indexes are built on; string conditions use the identical text.
std::string IndexExpression(const FieldPath& path);
// " AND (...)" per condition; parameters are numbered after the ones already in `params`.
void AppendFilter(const Filter& filter, std::string& sql, std::vector<std::string>& params);
std::string OrderBy(const std::vector<SortKey>& sort);

}  // namespace nmshd::storage::postgres
