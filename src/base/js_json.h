#pragma once
// JSON text exactly as JavaScript's JSON.stringify writes it. The official clients sign and compare the
// serialized strings byte for byte (template contents, challenges, requests), so the same value must
// produce the same bytes here: object keys in insertion order, JS number formatting (1 not 1E0,
// 1e+21, 1e-7), JS string escaping (\u001f lowercase, no escaping of '/' or non-ASCII).
#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace nmshd::json {

std::string Stringify(const boost::json::value& value);

// Parses JSON text; throws CodedError "error.base.invalidJson" with the parser's reason and `what`.
boost::json::value Parse(std::string_view text, std::string_view what = "JSON");

// Typed field access for parsers of wire objects. Each throws CodedError
// "error.base.invalidProperty" naming the object and the field when the field is missing or has the
// wrong type.
const boost::json::object& AsObject(const boost::json::value& v, std::string_view what);
const boost::json::string& RequireString(const boost::json::object& o, std::string_view key,
                                         std::string_view what);
std::int64_t RequireInt(const boost::json::object& o, std::string_view key, std::string_view what);
const boost::json::value* Find(const boost::json::object& o, std::string_view key);

}  // namespace nmshd::json
