#pragma once
// Webhook URL templates: validated as the official module does (`new URL(value)` must succeed and the
// protocol be http: or https:), filled by replacing the first "{{trigger}}" with the event namespace.
#include <string>
#include <string_view>

namespace nmshd::connector {

inline constexpr std::string_view kTriggerPlaceholder = "{{trigger}}";

// True when a WHATWG URL parser would accept `url` as an absolute http(s) URL: scheme http/https
// (any case), a non-empty host without forbidden code points (so "{{trigger}}" may appear in the
// host, path or query, where WHATWG allows braces), dotted-decimal IPv4 hosts within range,
// bracketed IPv6 hosts, a numeric port up to 65535. Leading and trailing spaces and control
// characters are ignored as WHATWG does. An approximation of the full algorithm that agrees with it
// on URLs people write into configuration.
bool IsValidHttpUrl(std::string_view url);

// The template with its first "{{trigger}}" replaced by `trigger` (JavaScript's String.replace with
// a string pattern replaces the first occurrence only).
std::string FillTrigger(std::string_view urlTemplate, std::string_view trigger);

}  // namespace nmshd::connector
