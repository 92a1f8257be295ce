#include "connector/webhooks/webhooks_config.h"

#include <map>
#include <string_view>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "connector/webhooks/webhook_url.h"

namespace nmshd::connector {
namespace {

namespace js = boost::json;

constexpr const char* kInvalidUrlFormat = "error.runtime.modules.webhooks.invalidUrlFormat";
constexpr const char* kInvalidTargetReference = "error.runtime.modules.webhooks.invalidTargetReference";
constexpr const char* kInvalidAuthenticationConfig = "error.runtime.modules.webhooks.invalidAuthenticationConfig";

[[noreturn]] void InvalidShape(const std::string& key, const std::string& what) {
  throw CodedError("error.config.invalid", "modules.webhooks." + key + " " + what);
}

[[noreturn]] void InvalidAuthentication(const std::string& message) {
  throw CodedError(kInvalidAuthenticationConfig, message);
}

// JavaScript truthiness of a JSON value (missing = undefined = falsy).
bool Truthy(const js::value* v) {
  if (v == nullptr || v->is_null()) return false;
  if (v->is_bool()) return v->get_bool();
  if (v->is_string()) return !v->get_string().empty();
  if (v->is_int64()) return v->get_int64() != 0;
  if (v->is_uint64()) return v->get_uint64() != 0;
  if (v->is_double()) return v->get_double() != 0.0;  // NaN cannot occur in JSON
  return true;                                         // objects and arrays
}

// How `${value}` prints in the official messages.
std::string JsText(const js::value* v) {
  if (v == nullptr) return "undefined";
  if (v->is_string()) return std::string(v->get_string());
  return json::Stringify(*v);
}

bool IsHeaderNameChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!IsHeaderNameChar(c)) return false;
  }
  return true;
}

bool IsHeaderValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// A required non-empty string of an authentication object, or nullopt.
std::optional<std::string> NonEmptyString(const js::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string() || v->get_string().empty()) return std::nullopt;
  return std::string(v->get_string());
}

WebhookAuthentication ParseAuthentication(const js::value* config) {
  if (!Truthy(config)) return std::monostate{};
  if (!config->is_object() && !config->is_array()) InvalidAuthentication("'authentication' must be an object.");
  static const js::object kEmpty;
  const js::object& o = config->is_object() ? config->get_object() : kEmpty;
  const auto* type = o.if_contains("type");
  if (type == nullptr || !type->is_string()) InvalidAuthentication("'authentication.type' must be a string.");

  if (type->get_string() == "OAuth2") {
    auto url = NonEmptyString(o, "accessTokenUrl");
    auto clientId = NonEmptyString(o, "clientId");
    auto clientSecret = NonEmptyString(o, "clientSecret");
    if (!url || !clientId || !clientSecret) {
      InvalidAuthentication(
          "'BearerToken' authentication is missing required properties. The object must contain at least "
          "'accessTokenUrl', 'clientId' and 'clientSecret'.");
    }
    if (!IsValidHttpUrl(*url)) InvalidAuthentication("'accessTokenUrl' '" + *url + "' is not a valid URL.");
    OAuth2Authentication auth{*url, *clientId, *clientSecret, std::nullopt};
    if (const auto* scope = o.if_contains("scope"); scope != nullptr && !scope->is_null()) {
      if (!scope->is_string()) InvalidAuthentication("'authentication.scope' must be a string.");
      auth.scope = std::string(scope->get_string());
    }
    return auth;
  }

  if (type->get_string() == "ApiKey") {
    auto apiKey = NonEmptyString(o, "apiKey");
    if (!apiKey) InvalidAuthentication("'ApiKey' authentication is missing the required property 'apiKey'.");
    if (!IsHeaderValue(*apiKey)) InvalidAuthentication("'authentication.apiKey' must not contain line breaks.");
    ApiKeyAuthentication auth{*apiKey, "x-api-key"};
    if (const auto* name = o.if_contains("headerName"); name != nullptr && !name->is_null()) {
      if (!name->is_string() || !IsHeaderName(name->get_string())) {
        InvalidAuthentication("'authentication.headerName' must be a valid HTTP header name.");
      }
      auth.headerName = std::string(name->get_string());
    }
    return auth;
  }

  InvalidAuthentication("The authentication type '" + std::string(type->get_string()) +
                        "' is invalid. Valid types are 'OAuth2' and 'ApiKey'");
}

std::shared_ptr<const WebhookTarget> ParseTarget(const js::value& value, const std::string& key) {
  if (!value.is_object()) InvalidShape(key, "must be an object");
  const auto& o = value.get_object();
  const auto* url = o.if_contains("url");
  if (url == nullptr || !url->is_string() || !IsValidHttpUrl(url->get_string())) {
    throw CodedError(kInvalidUrlFormat, "'" + JsText(url) + "' is not a valid URL.");
  }
  auto target = std::make_shared<WebhookTarget>();
  target->urlTemplate = std::string(url->get_string());
  if (const auto* headers = o.if_contains("headers"); headers != nullptr && !headers->is_null()) {
    if (!headers->is_object()) InvalidShape(key + ".headers", "must be an object of strings");
    for (const auto& [name, headerValue] : headers->get_object()) {
      if (!IsHeaderName(name)) InvalidShape(key + ".headers", "has an invalid header name '" + std::string(name) + "'");
      if (!headerValue.is_string() || !IsHeaderValue(headerValue.get_string())) {
        InvalidShape(key + ".headers." + std::string(name), "must be a string without line breaks");
      }
      target->headers.emplace_back(std::string(name), std::string(headerValue.get_string()));
    }
  }
  target->authentication = ParseAuthentication(o.if_contains("authentication"));
  return target;
}

}  // namespace

WebhooksConfig ParseWebhooksConfig(const boost::json::object& moduleConfig) {
  WebhooksConfig config;

  std::map<std::string, std::shared_ptr<const WebhookTarget>, std::less<>> named;
  if (const auto* targets = moduleConfig.if_contains("targets"); targets != nullptr && !targets->is_null()) {
    if (!targets->is_object()) InvalidShape("targets", "must be an object");
    for (const auto& [name, target] : targets->get_object()) {
      named[std::string(name)] = ParseTarget(target, "targets." + std::string(name));
    }
  }

  if (const auto* webhooks = moduleConfig.if_contains("webhooks"); webhooks != nullptr && !webhooks->is_null()) {
    if (!webhooks->is_array()) InvalidShape("webhooks", "must be an array");
    std::size_t index = 0;
    for (const auto& webhook : webhooks->get_array()) {
      const std::string key = "webhooks[" + std::to_string(index++) + "]";
      if (!webhook.is_object()) InvalidShape(key, "must be an object");
      const auto& o = webhook.get_object();

      WebhookDefinition definition;
      const auto* target = o.if_contains("target");
      if (target != nullptr && target->is_string()) {
        auto it = named.find(std::string_view(target->get_string()));
        if (it == named.end()) {
          throw CodedError(kInvalidTargetReference, "Invalid configuration. target '" +
                                                        std::string(target->get_string()) + "' not found!");
        }
        definition.target = it->second;
      } else if (target != nullptr && target->is_object()) {
        definition.target = ParseTarget(*target, key + ".target");
      } else {
        InvalidShape(key + ".target", "must be a target name or a target object");
      }

      const auto* triggers = o.if_contains("triggers");
      if (triggers == nullptr || !triggers->is_array()) InvalidShape(key + ".triggers", "must be an array of strings");
      for (const auto& trigger : triggers->get_array()) {
        if (!trigger.is_string()) InvalidShape(key + ".triggers", "must be an array of strings");
        definition.triggers.emplace_back(trigger.get_string());
      }
      config.webhooks.push_back(std::move(definition));
    }
  }

  if (const auto* skip = moduleConfig.if_contains("skipTlsCheck"); skip != nullptr && !skip->is_null()) {
    if (!skip->is_bool()) InvalidShape("skipTlsCheck", "must be a boolean");
    config.skipTlsCheck = skip->get_bool();
  }
  return config;
}

}  // namespace nmshd::connector
