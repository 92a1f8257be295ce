#pragma once
// The effective configuration as it may be shown to an operator (GET /Monitoring/Support, startup
// logs): every secret replaced by "***", everything else kept so the view is still useful.
//
// Redacted:
//   * values of keys that name secret material, case-insensitively: containing "secret",
//     "password", "passwd", "apikey", "privatekey", "credential", "token", or being exactly "key",
//     "pass", "pwd", "authorization", "cookie" — e.g. platformClientSecret,
//     ...apiKey.keys.<name>.key, webhook authentication apiKey / clientSecret;
//     an object under such a key is walked (so `apiKey.headerName` stays readable) and all its
//     leaves that are themselves secret-named are replaced; numbers count as secrets too, because
//     an all-digit secret given through the environment arrives as a number;
//   * every value inside `headers` / `platformAdditionalHeaders` objects (header values are often
//     credentials);
//   * passwords inside connection strings and URLs anywhere in the tree
//     (`postgresql://user:pw@host/db` -> `postgresql://user:***@host/db`, `password=pw` query or
//     conninfo parameters -> `password=***`): the host stays visible.
// Official difference: the Connector replaces database.connectionString and the authentication
// methods wholesale ("***", "redacted (enabled)"); we keep hosts, header names and scopes.
#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace nmshd::config {

inline constexpr const char* kRedacted = "***";

boost::json::value RedactConfig(const boost::json::value& config);

// Whether a key name denotes secret material (exposed for the logging layer's field masking).
bool IsSecretKeyName(std::string_view key);

// Replaces the password of a URL / conninfo string; returns the input unchanged if it has none.
std::string RedactConnectionString(std::string_view text);

}  // namespace nmshd::config
