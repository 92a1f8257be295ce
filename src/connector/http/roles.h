#pragma once
// Role checks of the controllers (typescript-rest routeRequiresAuthorization.ts).
//
// A route names the roles that grant access ("core:files"; colon-separated segments of
// [a-zA-Z0-9_-]). A caller's roles (API key scopes, ["**"] without scopes) may contain wildcards:
// `*` stands for one or more characters of [a-zA-Z0-9_-] (so it never crosses a colon: `core:*`
// grants core:files but not core:requests:incoming), `**` for one or more colon-separated segments
// (`core:**` grants every core route, `**` everything). A caller role without wildcards must equal
// the route's role exactly.
//
// Deliberate difference: officially a caller role is turned into a regular expression unescaped,
// so characters such as '.' in a scope act as regex operators; here every other character is
// literal.
#include <string>
#include <string_view>
#include <vector>

namespace nmshd::connector {

// Whether `permitted` has the form routes may declare.
bool IsValidPermittedRole(std::string_view permitted);

bool RoleGrants(std::string_view caller_role, std::string_view permitted);

// Any caller role grants any of the permitted roles. An empty `permitted` list grants everyone.
bool IsAuthorized(const std::vector<std::string>& caller_roles, const std::vector<std::string>& permitted);

}  // namespace nmshd::connector
