#pragma once
// The JavaScript conversions the IQL predicates apply to attribute fields (JSON values):
//   "="       String(fieldVal) === rhs
//   ">" "<"   new Date(fieldVal) >= / <= new Date(rhs)
#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace nmshd::consumption::iql {

// String(v): strings as they are, numbers as JavaScript prints them, true/false, "null", arrays
// joined with "," (null elements empty), objects "[object Object]".
std::string JsString(const boost::json::value& v);

// The time value (ms since the epoch, NaN when invalid) of `new Date(v)`: numbers are time values
// (TimeClip), booleans 0/1, strings and arrays (through String) are parsed as Date.parse does for
// the ECMAScript date time string format — YYYY, YYYY-MM, YYYY-MM-DD, ±YYYYYY…, with
// THH:mm[:ss[.fff…]] and Z or ±HH:mm; date-only forms are UTC, date-times without offset local
// time. V8's fallback parser for other forms ("Jan 2 2020", "2020/01/02") is not reproduced:
// they give NaN here, so such comparisons match nothing — except a lone number, which V8 reads
// as a year ("12345", "99" = 1999).
double JsDateValue(const boost::json::value& v);
double JsDateParse(std::string_view text);

}  // namespace nmshd::consumption::iql
