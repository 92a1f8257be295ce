#pragma once
// `modules.webhooks` (connector-surface.md §5.6), parsed as the official ConfigParser does: named
// `targets` first (in key order, all of them, used or not), then `webhooks` in order; the first
// problem aborts with the official codes
//   error.runtime.modules.webhooks.invalidUrlFormat            "'<url>' is not a valid URL."
//   error.runtime.modules.webhooks.invalidTargetReference      "Invalid configuration. target '<name>' not found!"
//   error.runtime.modules.webhooks.invalidAuthenticationConfig (the official messages)
// Shapes the official module does not check (it would crash later with a TypeError) are rejected
// up front with "error.config.invalid" naming the key: `targets` not an object, a target or webhook
// not an object, `triggers` not an array of strings, header values that are not strings or contain
// line breaks, `skipTlsCheck` not a boolean. Stricter than the official parser on purpose:
// OAuth2 fields and `apiKey`/`headerName`/`scope` must be strings, `accessTokenUrl` an http(s) URL.
#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace nmshd::connector {

struct ApiKeyAuthentication {
  std::string apiKey;
  std::string headerName = "x-api-key";
};

// OAuth2 client credentials: POST accessTokenUrl, form `grant_type=client_credentials[&scope=…]`,
// HTTP Basic clientId:clientSecret.
struct OAuth2Authentication {
  std::string accessTokenUrl;
  std::string clientId;
  std::string clientSecret;
  std::optional<std::string> scope;
};

using WebhookAuthentication = std::variant<std::monostate, ApiKeyAuthentication, OAuth2Authentication>;

struct WebhookTarget {
  std::string urlTemplate;  // may contain "{{trigger}}"
  std::vector<std::pair<std::string, std::string>> headers;
  WebhookAuthentication authentication;
};

struct WebhookDefinition {
  std::vector<std::string> triggers;  // event patterns (event_pattern.h)
  // Webhooks naming the same target share this object (and so one OAuth2 token cache).
  std::shared_ptr<const WebhookTarget> target;
};

struct WebhooksConfig {
  std::vector<WebhookDefinition> webhooks;
  bool skipTlsCheck = false;
};

// `moduleConfig` is the module's object (`enabled`, `location` and other keys are ignored).
WebhooksConfig ParseWebhooksConfig(const boost::json::object& moduleConfig);

}  // namespace nmshd::connector
