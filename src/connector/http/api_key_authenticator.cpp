#include "connector/http/api_key_authenticator.h"

#include <sodium.h>

#include <set>

#include "base/coded_error.h"
#include "config/connector_config.h"
#include "core/core_date.h"
#include "crypto/hash.h"
#include "crypto/random.h"

namespace nmshd::connector {
namespace {

constexpr std::string_view kWhere = "infrastructure.httpServer.authentication.apiKey";

[[noreturn]] void Invalid(const std::string& message) {
  throw CodedError("error.config.invalid", std::string(kWhere) + ": " + message);
}

const boost::json::object& EntryObject(const boost::json::key_value_pair& kv) {
  if (!kv.value().is_object()) Invalid("keys." + std::string(kv.key()) + " must be an object");
  return kv.value().get_object();
}

std::string KeyOf(const boost::json::key_value_pair& kv) {
  const auto* key = EntryObject(kv).if_contains("key");
  if (key == nullptr || !key->is_string()) Invalid("keys." + std::string(kv.key()) + ".key must be a string");
  return std::string(key->get_string());
}

}  // namespace

std::optional<ApiKeyAuthenticator> ApiKeyAuthenticator::FromConfig(const boost::json::object& section,
                                                                   TimePoint now) {
  const boost::json::object kEmpty;
  const auto* keys_value = section.if_contains("keys");
  if (keys_value != nullptr && !keys_value->is_object()) Invalid("keys must be an object");
  const auto& keys = keys_value != nullptr ? keys_value->get_object() : kEmpty;
  const auto* enabled = section.if_contains("enabled");
  if (enabled != nullptr && !enabled->is_bool()) Invalid("enabled must be a boolean");
  if (!(enabled != nullptr ? enabled->get_bool() : !keys.empty())) return std::nullopt;

  ApiKeyAuthenticator auth;
  auth.header_name_ = "X-API-KEY";
  if (const auto* name = section.if_contains("headerName")) {
    if (!name->is_string() || name->get_string().empty()) Invalid("headerName must be a non-empty string");
    auth.header_name_ = std::string(name->get_string());
  }

  std::set<std::string> seen;
  for (const auto& kv : keys) {
    if (!seen.insert(KeyOf(kv)).second) {
      throw CodedError("error.config.invalid",
                       "Duplicate API keys found in configuration. Each API key must be unique.");
    }
  }

  std::vector<std::string> weak;
  for (const auto& kv : keys) {
    const auto& entry = EntryObject(kv);
    std::string where = "keys." + std::string(kv.key());
    if (const auto* flag = entry.if_contains("enabled")) {
      if (!flag->is_bool()) Invalid(where + ".enabled must be a boolean");
      if (!flag->get_bool()) continue;
    }
    Key key{};
    if (const auto* expires = entry.if_contains("expiresAt")) {
      if (!expires->is_string()) Invalid(where + ".expiresAt must be an ISO 8601 date-time");
      try {
        key.expires_at = core::CoreDate::Parse(expires->get_string()).time();
      } catch (const CodedError&) {
        Invalid(where + ".expiresAt must be an ISO 8601 date-time");
      }
      if (*key.expires_at <= now) continue;
    }
    if (const auto* scopes = entry.if_contains("scopes")) {
      if (!scopes->is_array()) Invalid(where + ".scopes must be an array of strings");
      key.scopes.emplace();
      for (const auto& scope : scopes->get_array()) {
        if (!scope.is_string()) Invalid(where + ".scopes must be an array of strings");
        key.scopes->emplace_back(scope.get_string());
      }
    }
    std::string secret = KeyOf(kv);
    if (!config::IsStrongApiKey(secret)) weak.emplace_back(kv.key());
    key.digest = crypto::Sha256(secret);
    auth.keys_.push_back(std::move(key));
  }
  if (auth.keys_.empty()) {
    throw CodedError("error.config.invalid",
                     "No valid API keys found in configuration. At least one is required.");
  }
  if (!weak.empty()) {
    std::string names;
    for (const auto& n : weak) names += (names.empty() ? "" : ", ") + n;
    throw CodedError("error.config.invalid",
                     "The API keys with the following key(s) does not meet the requirements: " + names +
                         ". They must be at least 30 characters long and contain at least 2 digits, 2 "
                         "uppercase letters, 2 lowercase letters and 1 special character "
                         "(!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~).");
  }
  return auth;
}

std::optional<std::vector<std::string>> ApiKeyAuthenticator::Authenticate(std::string_view presented,
                                                                          TimePoint now) const {
  crypto::EnsureSodium();
  const auto digest = crypto::Sha256(presented);
  const Key* match = nullptr;
  // Every key is compared, whether or not an earlier one matched, so the time taken does not tell
  // which key (if any) was hit.
  for (const auto& key : keys_) {
    if (sodium_memcmp(key.digest.data(), digest.data(), digest.size()) == 0) match = &key;
  }
  if (match == nullptr) return std::nullopt;
  if (match->expires_at && *match->expires_at <= now) return std::nullopt;
  if (match->scopes) return *match->scopes;
  return std::vector<std::string>{"**"};
}

}  // namespace nmshd::connector
