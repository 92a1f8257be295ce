#pragma once
// Percent-encoding of query strings and of application/x-www-form-urlencoded bodies.
#include <string>
#include <string_view>

#include "transport/backbone/backbone_client_options.h"

namespace nmshd::transport {

// Every byte but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX (upper-case hex).
// The Backbone (ASP.NET Core) decodes this as it decodes axios' slightly laxer encoding.
std::string PercentEncode(std::string_view text);

// "k1=v1&k2=v2" in the given order, keys and values percent-encoded; "" for no parameters.
// Also the body of a form-urlencoded POST (/connect/token).
std::string EncodeQuery(const QueryParams& params);

// `params` with every `key` entry removed and key=value appended (pagination's pageNumber).
QueryParams WithParam(QueryParams params, std::string_view key, std::string value);

}  // namespace nmshd::transport
