#include "connector/http/authentication.h"

#include "base/coded_error.h"

namespace nmshd::connector {
namespace {

constexpr std::string_view kWhere = "infrastructure.httpServer.authentication";

bool OAuthMethodEnabled(const boost::json::object& section, std::string_view method) {
  const auto* value = section.if_contains(method);
  if (value == nullptr || value->is_null()) return false;
  if (!value->is_object()) {
    throw CodedError("error.config.invalid", std::string(kWhere) + "." + std::string(method) + " must be an object");
  }
  const auto& options = value->get_object();
  if (const auto* flag = options.if_contains("enabled"); flag != nullptr && flag->is_bool()) return flag->get_bool();
  for (const auto& kv : options) {
    if (kv.key() != "enabled") return true;
  }
  return false;
}

}  // namespace

Authentication::Authentication(const boost::json::object& section, bool debug, TimePoint now) {
  for (const char* method : {"jwtBearer", "oidc"}) {
    if (OAuthMethodEnabled(section, method)) {
      throw CodedError("error.config.invalid",
                       std::string(kWhere) + "." + method +
                           " is enabled, but this Connector supports only API-key authentication "
                           "(apiKey); remove the " + method + " section or set its \"enabled\" to false");
    }
  }
  if (const auto* api_key = section.if_contains("apiKey"); api_key != nullptr && !api_key->is_null()) {
    if (!api_key->is_object()) {
      throw CodedError("error.config.invalid", std::string(kWhere) + ".apiKey must be an object");
    }
    api_key_ = ApiKeyAuthenticator::FromConfig(api_key->get_object(), now);
  }
  if (!api_key_ && !debug) {
    throw CodedError("error.config.invalid",
                     "No API key and OAuth config set in configuration. At least one is required in "
                     "production mode.");
  }
}

std::optional<std::vector<std::string>> Authentication::Authenticate(const http::Request& request,
                                                                     TimePoint now) const {
  if (!api_key_) return std::vector<std::string>{"**"};
  auto presented = request.Header(api_key_->header_name());
  if (!presented || presented->empty()) return std::nullopt;
  return api_key_->Authenticate(*presented, now);
}

}  // namespace nmshd::connector
